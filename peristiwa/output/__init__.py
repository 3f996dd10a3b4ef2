"""Writing results out: the formats, and the crosswalks to CAMEO and ACLED."""
