"""After the yes: the agreements lenders made, the payments made under them, the plan
against what really happened, what to do when a payment is missed, and the plan's review.

Above the negotiation layer (it reads the household plan) and below the paperwork (the
letters, the report and the pack state the progress it works out).
"""
