"""tpguide: guided trigger point self-massage for the head, neck and shoulders."""

__version__ = "0.1.0"
APP_NAME = "tpguide"
APP_ID = "org.tpguide.TPGuide"
