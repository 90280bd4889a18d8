# "28 листопада 2026 р., 00:52": the day without a leading zero, a comma before the time.
DATE_FORMAT = "j E Y р."
DATETIME_FORMAT = "j E Y р., H:i"
