"""zh-hans input formats with ISO first.

A form widget renders its value with the FIRST input format. Django's zh_Hans list starts with
"%Y/%m/%d", and a browser's <input type="date"> accepts only "2023-08-31": it showed every date
empty and submitted nothing (the web plan import saved 38 tasks without a due date). Only the
input formats are overridden; display formats (2022年9月30日) still come from Django.
"""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2016-09-05': what <input type="date"> sends and needs
    "%Y/%m/%d",  # '2016/09/05'
    "%Y年%m月%d日",  # '2016年9月5日' (strptime accepts 9 for %m)
    "%Y.%m.%d",  # '2016.9.5'
]

DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M",  # <input type="datetime-local"> accepts it (and sends the "T" form below)
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
]
