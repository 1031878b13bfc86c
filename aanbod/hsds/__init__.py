"""Open Referral HSDS 3.0: the catalogue as services, organizations, locations and taxonomies."""
