# Mainland Chinese documents write 1,453,787 (Django groups no digits for zh_Hans).
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
