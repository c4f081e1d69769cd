# Kenya writes 1,453,787 (Django ships no number format for Kiswahili).
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
