"""Referrals (warm doorverwijzing). Built in the referral issue; this app may import ``aanbod``."""
