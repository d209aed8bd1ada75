"""Negotiation: readiness before a call, cost benchmarks, complaints about collection and next steps."""
