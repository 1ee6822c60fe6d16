"""The trigger point atlas, the body views that draw it, and the sore-spot finder."""
