"""What the phone stories (test_*_phone.py) share: the screen's width, and how wide the page
then scrolls (wider than the screen when something runs off it)."""


def at_width(page, width: int, height: int = 900) -> None:
    """The browser's screen `width` px wide (390: a phone; 1280: a desktop)."""
    page.set_viewport_size({"width": width, "height": height})


def scroll_width(page) -> int:
    """How wide the page scrolls, in px: the screen's width when nothing runs off it."""
    return page.evaluate("document.documentElement.scrollWidth")
