# "28 November 2026, 00:52": the month in full and a 24-hour clock, as in Ukraine, instead of
# Django's "Nov. 28, 2026, 12:52 a.m.".
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
