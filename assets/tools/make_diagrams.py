"""Draws tpguide's five body diagrams as plain SVG so they stay ours, small and regenerable.

Run: ``python assets/tools/make_diagrams.py`` (stdlib only). Writes ``assets/diagrams/*.svg``.

Conventions (DESIGN.md, atlas section):
- Every view has an element ``silhouette``: the whole body outline as ONE filled path,
  used for hit-testing and for checking that atlas markers sit on the body.
- ``head-side`` is the body's RIGHT profile: the face points to the viewer's right.
  The app mirrors the whole view (x' = width - x) to show the left side.
- Front and back views are left/right symmetric about x = width / 2. On a back view the
  body's right is the viewer's right; on a front view the body's right is the viewer's left.
- Referral zones are elements ``zone-<name>`` with class ``zone`` and fill-opacity 0:
  invisible until the app paints them. Bilateral zones on symmetric views are ONE element
  holding both sides as two subpaths; on ``head-side`` only the visible (right) side.
- No ``transform`` attribute anywhere; all coordinates are in the viewBox.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

Pt = tuple[float, float]
Run = Sequence[Pt]

OUT = Path(__file__).resolve().parent.parent / "diagrams"

FILL = "#efe1d4"
LINE = "#6e5a50"
SOFT = "#b89a88"
WIDTH = 2.4


# --------------------------------------------------------------------------- geometry

def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _p(pt: Pt) -> str:
    return f"{_f(pt[0])},{_f(pt[1])}"


def _curve(run: Run) -> str:
    """Cubic Bezier commands for a Catmull-Rom spline through run (the first point excluded)."""
    out = []
    n = len(run)
    for i in range(n - 1):
        p0 = run[i - 1] if i > 0 else run[i]
        p1, p2 = run[i], run[i + 1]
        p3 = run[i + 2] if i + 2 < n else run[i + 1]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.append(f"C{_p(c1)} {_p(c2)} {_p(p2)}")
    return " ".join(out)


def open_path(*runs: Run) -> str:
    """An open line through runs; each run is smooth, runs meet at corners."""
    parts = [f"M{_p(runs[0][0])}"]
    for run in runs:
        parts.append(_curve(run))
    return " ".join(parts)


def closed_path(runs: Sequence[Run]) -> str:
    return open_path(*runs) + " Z"


def smooth_loop(pts: Run) -> str:
    """A closed smooth loop through pts."""
    n = len(pts)
    out = [f"M{_p(pts[0])}"]
    for i in range(n):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[(i + 1) % n], pts[(i + 2) % n]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.append(f"C{_p(c1)} {_p(c2)} {_p(p2)}")
    return " ".join(out) + " Z"


def ellipse_path(cx: float, cy: float, rx: float, ry: float, angle: float = 0.0) -> str:
    """An ellipse as a smooth closed path (rotation baked into the points, no transform)."""
    a = math.radians(angle)
    pts = []
    for k in range(12):
        t = 2 * math.pi * k / 12
        x, y = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)))
    return smooth_loop(pts)


def mirror_pts(pts: Run, width: float) -> list[Pt]:
    return [(width - x, y) for x, y in pts]


def symmetric_outline(right: Sequence[Run], width: float) -> str:
    """One closed outline from the viewer's-right half, drawn top centre clockwise to bottom.

    The left half is the mirror image traversed backwards; the top centre joins smoothly.
    """
    left = [list(reversed(mirror_pts(run, width))) for run in reversed(right)]
    runs = [list(run) for run in right] + left
    # join the last run (arriving at the top centre) with the first (leaving it)
    merged = runs[-1][:-1] + runs[0]
    return closed_path([merged, *runs[1:-1]])


def mirror_d(d: str, width: float) -> str:
    """Mirror an SVG path made only of absolute M/C/L/Z commands with x,y pairs."""
    out = []
    for token in d.split(" "):
        cmd = token[0] if token[:1].isalpha() else ""
        body = token[1:] if cmd else token
        if body and "," in body:
            x, y = body.split(",")
            body = f"{_f(width - float(x))},{y}"
        out.append(cmd + body)
    return " ".join(out)


# --------------------------------------------------------------------------- SVG writing

class Svg:
    def __init__(self, view: str, width: int, height: int, title: str) -> None:
        self.view = view
        self.width = width
        self.height = height
        self.title = title
        self.body: list[str] = []
        self.zones: list[str] = []

    def silhouette(self, d: str) -> None:
        self.body.append(
            f'<path id="silhouette" d="{d}" fill="{FILL}" stroke="{LINE}" '
            f'stroke-width="{WIDTH}" stroke-linejoin="round"/>'
        )

    def line(self, d: str, soft: bool = True, fill: str = "none") -> None:
        colour = SOFT if soft else LINE
        self.body.append(
            f'<path d="{d}" fill="{fill}" stroke="{colour}" stroke-width="{WIDTH}" '
            'stroke-linecap="round" stroke-linejoin="round"/>'
        )

    def zone(self, zid: str, d: str, bilateral: bool = True) -> None:
        if bilateral and self.view != "head-side":
            d = f"{d} {mirror_d(d, self.width)}"
        self.zones.append(
            f'<path id="zone-{zid}" class="zone" d="{d}" fill="#000000" fill-opacity="0" '
            'stroke="none"/>'
        )

    def text(self) -> str:
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
            f'viewBox="0 0 {self.width} {self.height}" width="{self.width}" '
            f'height="{self.height}">\n<title>{self.title}</title>\n'
            "<!-- generated by assets/tools/make_diagrams.py; edit that script, not this file -->\n"
        )
        body = "\n".join(self.body)
        zones = "\n".join(self.zones)
        return f'{head}<g id="body">\n{body}\n</g>\n<g id="zones">\n{zones}\n</g>\n</svg>\n'


# --------------------------------------------------------------------------- landmarks
# Named so tests can check atlas markers against the bones they are described by.

SCAPULA_SUPERIOR_ANGLE: Pt = (350, 298)      # upper inner corner of the shoulder blade (back)
SCAPULA_UPPER_BORDER: list[Pt] = [SCAPULA_SUPERIOR_ANGLE, (368, 288), (398, 280), (430, 276)]
SCAPULA_SPINE: list[Pt] = [(350, 318), (400, 300), (440, 290), (458, 286)]
SCAPULA_MEDIAL_BORDER: list[Pt] = [SCAPULA_SUPERIOR_ANGLE, (347, 318), (344, 360), (348, 410),
                                   (362, 448)]
SKULL_BASE: list[Pt] = [(200, 206), (240, 204), (284, 214)]   # nuchal line, head-back view
SCM_BACK_EDGE: list[Pt] = [(170, 246), (198, 320), (226, 390), (246, 438)]   # head-side
SCM_FRONT_EDGE: list[Pt] = [(192, 248), (220, 320), (244, 384), (260, 432)]  # head-side
JAW_ANGLE: Pt = (202, 270)                                    # head-side
CLAVICLE_SIDE: list[Pt] = [(258, 446), (210, 440), (160, 430)]   # head-side


def y_on(line: Sequence[Pt], x: float) -> float:
    """The y of a polyline at x (straight segments between its points), for landmark checks."""
    pts = sorted(line)
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0) if x1 != x0 else min(y0, y1)
    raise ValueError(f"x={x} is outside the line")


def x_on(line: Sequence[Pt], y: float) -> float:
    """The x of a polyline at y (straight segments between its points)."""
    pts = sorted(line, key=lambda p: p[1])
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        if y0 <= y <= y1:
            return x0 + (x1 - x0) * (y - y0) / (y1 - y0) if y1 != y0 else min(x0, x1)
    raise ValueError(f"y={y} is outside the line")


# --------------------------------------------------------------------------- upper body

UB_W, UB_H = 600, 840


def upper_body_outline() -> list[Run]:
    """Viewer's-right half of the upper body, top of head to crotch (arms hang, palms forward)."""
    head = [(300, 22), (338, 27), (362, 50), (370, 88), (368, 118)]
    ear = [(368, 118), (375, 114), (378, 128), (375, 148), (367, 158)]
    jaw = [(367, 158), (360, 178), (344, 196), (336, 206)]
    neck_shoulder = [(336, 206), (338, 232), (352, 246), (392, 258), (432, 266), (462, 280)]
    # outer arm and thumb in one smooth run: neither elbow nor wrist has a corner
    arm_out = [(462, 280), (484, 298), (494, 330), (494, 372), (492, 420), (496, 500),
               (506, 545), (510, 600), (512, 668), (520, 684), (529, 704),
               (536, 726), (539, 744), (534, 752), (527, 746), (521, 730), (515, 718)]
    fingers = [(515, 718), (518, 746), (518, 774), (513, 800), (502, 813), (489, 811),
               (479, 795), (474, 760), (474, 712), (476, 670)]
    arm_in = [(476, 670), (468, 610), (456, 548), (448, 500), (444, 440), (440, 396),
              (428, 368)]
    torso = [(428, 366), (416, 372), (410, 420), (400, 480), (392, 520), (398, 570),
             (414, 620), (426, 680), (428, 740), (424, 836)]
    leg = [(424, 836), (312, 836)]
    crotch = [(312, 836), (309, 790), (300, 752)]
    return [head, ear, jaw, neck_shoulder, arm_out, fingers, arm_in, torso, leg, crotch]


def hand_lines(svg: Svg) -> None:
    r = [open_path([(507, 774), (506, 806)]), open_path([(496, 776), (495, 810)]),
         open_path([(485, 772), (485, 802)])]
    for d in r:
        svg.line(d)
        svg.line(mirror_d(d, UB_W))


def upper_body_common_zones(svg: Svg) -> None:
    svg.zone("neck-side", ellipse_path(346, 232, 22, 34, -10))
    svg.zone("top-shoulder", smooth_loop([(342, 242), (392, 252), (440, 262), (468, 282),
                                          (452, 300), (400, 292), (350, 276)]))
    svg.zone("lateral-arm", smooth_loop([(478, 300), (496, 330), (500, 400), (500, 470),
                                         (480, 470), (470, 400), (466, 330)]))
    svg.zone("lateral-elbow", ellipse_path(496, 510, 14, 22))
    svg.zone("radial-forearm", smooth_loop([(498, 540), (512, 580), (520, 640), (522, 680),
                                            (505, 680), (495, 620), (486, 560)]))
    svg.zone("thumb-index", smooth_loop([(514, 676), (532, 706), (542, 746), (532, 758),
                                         (522, 790), (506, 804), (500, 760), (504, 706)]))


def upper_body_back() -> Svg:
    svg = Svg("upper-body-back", UB_W, UB_H, "Upper body, back view")
    svg.silhouette(symmetric_outline(upper_body_outline(), UB_W))
    halves = [
        # spine, trapezius edge from skull to the root of the shoulder-blade spine and down
        open_path([(300, 210), (300, 300), (300, 420), (300, 520)]),
    ]
    right = [
        open_path([(318, 186), (330, 210), (338, 232)]),                     # neck muscles
        open_path(SCAPULA_SPINE),                                             # scapular spine
        open_path(SCAPULA_UPPER_BORDER),                                      # upper border
        open_path(SCAPULA_MEDIAL_BORDER),                                     # medial border
        open_path([(362, 448), (392, 408), (418, 352), (428, 330)]),          # lateral border
        open_path([(300, 520), (324, 440), (346, 330), (348, 318)]),          # lower trapezius
        open_path([(470, 290), (480, 340), (478, 392)]),                      # deltoid back
        open_path([(486, 505), (492, 520)]),                                  # elbow
    ]
    for d in halves:
        svg.line(d)
    for d in right:
        svg.line(d)
        svg.line(mirror_d(d, UB_W))
    hand_lines(svg)
    upper_body_common_zones(svg)
    svg.zone("occiput", smooth_loop([(262, 100), (300, 92), (338, 100), (350, 150),
                                     (320, 176), (280, 176), (250, 150)]), bilateral=False)
    svg.zone("neck-back", smooth_loop([(284, 188), (316, 188), (328, 240), (300, 252),
                                       (272, 240)]), bilateral=False)
    svg.zone("behind-ear", smooth_loop([(350, 118), (364, 114), (368, 146), (362, 168),
                                        (350, 164), (346, 140)]))
    svg.zone("medial-scapula", smooth_loop([(318, 312), (346, 306), (356, 360), (360, 420),
                                            (370, 452), (344, 446), (330, 400), (318, 350)]))
    svg.zone("back-shoulder", smooth_loop([(440, 294), (474, 290), (490, 330), (486, 380),
                                           (462, 372), (440, 330)]))
    return svg


def upper_body_front() -> Svg:
    svg = Svg("upper-body-front", UB_W, UB_H, "Upper body, front view")
    svg.silhouette(symmetric_outline(upper_body_outline(), UB_W))
    right = [
        # the body's right is the viewer's left on a front view; these are mirrored anyway
        open_path([(306, 254), (330, 250), (380, 256), (430, 266), (456, 278)]),   # clavicle
        open_path([(336, 198), (326, 226), (310, 250)]),                           # SCM
        open_path([(306, 380), (350, 398), (392, 390), (418, 368)]),               # pectoral
        open_path([(456, 282), (440, 330), (432, 372)]),                           # deltoid
        open_path([(486, 508), (462, 512)]),                                       # elbow
        open_path([(332, 92), (346, 88), (356, 93)]),                              # brow
        open_path([(330, 110), (342, 106), (354, 110)]),                           # eye
        open_path([(404, 606), (372, 664), (322, 720)]),                           # groin
    ]
    for d in right:
        svg.line(d)
        svg.line(mirror_d(d, UB_W))
    svg.line(open_path([(300, 120), (294, 148), (300, 152), (306, 150)]))          # nose
    svg.line(open_path([(286, 170), (300, 173), (314, 170)]))                      # mouth
    svg.line(open_path([(300, 396), (300, 470)]))                                  # sternum line
    svg.line(ellipse_path(300, 548, 4, 6))                                          # navel
    hand_lines(svg)
    upper_body_common_zones(svg)
    svg.zone("throat", smooth_loop([(284, 200), (316, 200), (318, 240), (300, 252),
                                    (282, 240)]), bilateral=False)
    svg.zone("front-shoulder", smooth_loop([(430, 276), (462, 282), (478, 312), (470, 360),
                                            (444, 360), (432, 320)]))
    svg.zone("chest", smooth_loop([(316, 272), (380, 270), (426, 290), (420, 350),
                                   (380, 384), (330, 376), (312, 330)]))
    svg.zone("sternum", smooth_loop([(290, 258), (310, 258), (314, 330), (310, 420),
                                     (290, 420), (286, 330)]), bilateral=False)
    svg.zone("front-arm", smooth_loop([(448, 340), (466, 330), (476, 380), (478, 450),
                                       (462, 470), (450, 430), (444, 380)]))
    svg.zone("inner-arm", smooth_loop([(434, 372), (446, 380), (452, 440), (458, 500),
                                       (468, 560), (478, 620), (488, 680), (494, 760),
                                       (486, 800), (476, 790), (472, 720), (462, 640),
                                       (450, 570), (440, 500), (436, 440), (430, 392)]))
    return svg


# --------------------------------------------------------------------------- head front/back

HD_W, HD_H = 400, 500


def head_outline() -> list[Run]:
    """Viewer's-right half of the head and neck seen from the front or the back."""
    head = [(200, 34), (250, 40), (286, 72), (300, 120), (300, 160)]
    ear = [(300, 160), (312, 150), (320, 164), (318, 200), (310, 226), (300, 232)]
    jaw = [(300, 232), (292, 262), (276, 290), (258, 306)]
    neck = [(258, 306), (262, 350), (276, 374), (318, 392), (364, 408), (396, 430)]
    edge = [(396, 430), (398, 498)]
    bottom = [(398, 498), (200, 498)]
    return [head, ear, jaw, neck, edge, bottom]


def head_common_zones(svg: Svg) -> None:
    svg.zone("vertex", smooth_loop([(160, 44), (200, 36), (240, 44), (252, 70), (200, 80),
                                    (148, 70)]), bilateral=False)
    svg.zone("ear", smooth_loop([(296, 158), (314, 150), (324, 168), (320, 212), (304, 236),
                                 (292, 214), (292, 180)]))
    svg.zone("neck-side", smooth_loop([(246, 312), (262, 306), (272, 360), (270, 384),
                                       (250, 382), (244, 350)]))
    svg.zone("top-shoulder", smooth_loop([(268, 370), (320, 386), (366, 402), (398, 424),
                                          (398, 446), (360, 428), (300, 406), (264, 392)]))


def head_front() -> Svg:
    svg = Svg("head-front", HD_W, HD_H, "Head and neck, front view")
    svg.silhouette(symmetric_outline(head_outline(), HD_W))
    right = [
        open_path([(214, 154), (240, 144), (266, 148)]),                  # brow
        open_path([(222, 178), (240, 170), (258, 172), (266, 180)]),      # upper lid
        open_path([(224, 182), (244, 188), (262, 184)]),                  # lower lid
        open_path([(308, 172), (306, 196), (300, 212)]),                  # ear rim
        open_path([(252, 312), (236, 350), (212, 386)]),                  # SCM
        open_path([(212, 398), (250, 392), (300, 398), (350, 410)]),      # clavicle
    ]
    for d in right:
        svg.line(d)
        svg.line(mirror_d(d, HD_W))
    svg.line(open_path([(206, 186), (210, 226), (216, 238), (208, 244), (200, 246)]))  # nose
    svg.line(open_path([(180, 270), (200, 273), (220, 270)]))                           # mouth
    svg.line(open_path([(188, 300), (200, 304), (212, 300)]))                           # chin
    head_common_zones(svg)
    svg.zone("forehead", smooth_loop([(204, 86), (250, 84), (274, 110), (270, 138),
                                      (230, 138), (204, 130)]))
    svg.zone("temple", smooth_loop([(276, 118), (294, 126), (298, 160), (290, 184),
                                    (276, 176), (270, 146)]))
    svg.zone("behind-eye", ellipse_path(244, 178, 28, 18))
    svg.zone("cheek", smooth_loop([(238, 200), (270, 196), (288, 220), (274, 248),
                                   (246, 246), (230, 224)]))
    # the back teeth (molars), towards the corners of the jaw
    svg.zone("upper-teeth", smooth_loop([(226, 252), (250, 248), (266, 254), (262, 266),
                                         (230, 266)]))
    svg.zone("lower-teeth", smooth_loop([(226, 276), (250, 274), (262, 280), (254, 290),
                                         (228, 290)]))
    svg.zone("eyebrow", smooth_loop([(208, 150), (238, 138), (272, 142), (274, 154),
                                     (240, 156), (210, 162)]))
    svg.zone("jaw", smooth_loop([(290, 226), (300, 238), (290, 270), (270, 300), (240, 308),
                                 (236, 292), (262, 276), (280, 250)]))
    svg.zone("throat", smooth_loop([(184, 320), (216, 320), (222, 360), (214, 392),
                                    (186, 392), (178, 360)]), bilateral=False)
    return svg


def head_back() -> Svg:
    svg = Svg("head-back", HD_W, HD_H, "Head and neck, back view")
    svg.silhouette(symmetric_outline(head_outline(), HD_W))
    right = [
        open_path([(308, 172), (306, 196), (300, 212)]),                  # ear rim
        open_path(SKULL_BASE),                                            # nuchal line
        open_path([(224, 216), (234, 280), (244, 340)]),                  # neck muscles
    ]
    for d in right:
        svg.line(d)
        svg.line(mirror_d(d, HD_W))
    svg.line(open_path([(200, 320), (200, 498)]))                         # spine
    head_common_zones(svg)
    svg.zone("occiput", smooth_loop([(148, 146), (200, 134), (252, 146), (282, 184),
                                     (266, 212), (200, 218), (134, 212), (118, 184)]),
             bilateral=False)
    svg.zone("neck-back", smooth_loop([(178, 222), (222, 222), (238, 280), (234, 370),
                                       (200, 390), (166, 370), (162, 280)]), bilateral=False)
    svg.zone("behind-ear", smooth_loop([(282, 172), (296, 166), (300, 200), (296, 230),
                                        (284, 234), (276, 204)]))
    svg.zone("above-ear", smooth_loop([(280, 118), (294, 110), (300, 132), (298, 156),
                                       (286, 160), (276, 140)]))
    return svg


# --------------------------------------------------------------------------- head side

def head_side() -> Svg:
    """Right profile: the face points to the viewer's right."""
    svg = Svg("head-side", HD_W, HD_H, "Head and neck, right side view")
    outline = [
        # back of the neck up over the skull to the brow
        [(92, 498), (100, 440), (114, 392), (118, 340), (104, 282), (84, 236), (74, 180),
         (84, 118), (120, 66), (178, 40), (240, 44), (284, 78), (300, 118), (304, 146)],
        # brow, nose, lips, chin
        [(304, 146), (299, 160), (306, 180), (318, 200), (326, 212), (320, 220), (308, 224)],
        [(308, 224), (313, 236), (307, 246), (312, 256), (302, 266)],
        [(302, 266), (307, 284), (300, 300), (282, 304), (252, 304)],
        # front of the neck, throat, top of the chest
        [(252, 304), (244, 330), (248, 350), (252, 400), (262, 432), (294, 466), (330, 498)],
        [(330, 498), (92, 498)],
    ]
    svg.silhouette(closed_path(outline))
    lines = [
        open_path([(278, 148), (292, 145), (302, 150)]),                   # brow
        open_path([(282, 170), (292, 166), (302, 170)]),                   # upper lid
        open_path([(286, 174), (296, 175)]),                               # lower lid
        open_path([(300, 245), (308, 246)]),                               # lips
        smooth_loop([(166, 164), (180, 156), (192, 166), (194, 196), (186, 222), (172, 234),
                     (160, 222), (158, 190)]),                             # ear
        open_path([(174, 176), (182, 188), (178, 206)]),                   # ear inner
        open_path([(196, 108), (240, 100), (272, 128), (278, 160), (262, 196)]),  # temporalis
        open_path([(200, 202), (230, 198), (262, 200)]),                   # cheekbone arch
        open_path([(252, 302), (222, 288), JAW_ANGLE, (198, 240)]),        # jaw
        open_path([(244, 212), (238, 250), (236, 286)]),                   # masseter front
        open_path(SCM_BACK_EDGE),                                          # SCM back edge
        open_path(SCM_FRONT_EDGE),                                         # SCM front edge
        open_path([(108, 288), (120, 340), (136, 390), (150, 420)]),       # trapezius edge
        open_path(CLAVICLE_SIDE),                                          # clavicle
    ]
    for d in lines:
        svg.line(d)
    svg.zone("vertex", smooth_loop([(130, 62), (180, 40), (240, 46), (252, 70), (190, 74),
                                    (130, 82)]))
    svg.zone("forehead", smooth_loop([(256, 66), (286, 82), (302, 118), (300, 140),
                                      (276, 138), (254, 100)]))
    svg.zone("temple", smooth_loop([(214, 112), (254, 108), (274, 136), (270, 170),
                                    (240, 184), (212, 160)]))
    svg.zone("behind-eye", ellipse_path(288, 170, 20, 14))
    svg.zone("cheek", smooth_loop([(250, 196), (288, 190), (314, 208), (306, 226),
                                   (272, 230), (248, 214)]))
    # the back teeth (molars) lie behind the cheek, in front of the masseter
    svg.zone("upper-teeth", smooth_loop([(240, 228), (268, 226), (282, 232), (276, 244),
                                         (244, 244)]))
    svg.zone("lower-teeth", smooth_loop([(240, 250), (270, 248), (282, 256), (274, 266),
                                         (242, 264)]))
    svg.zone("eyebrow", smooth_loop([(266, 144), (290, 138), (306, 144), (304, 154),
                                     (284, 156), (266, 154)]))
    svg.zone("behind-ear", smooth_loop([(140, 176), (156, 172), (162, 210), (160, 246),
                                        (142, 252), (132, 214)]))
    svg.zone("above-ear", smooth_loop([(150, 118), (200, 112), (214, 140), (200, 156),
                                       (160, 158), (144, 140)]))
    svg.zone("jaw", smooth_loop([(196, 214), (214, 226), (216, 264), (252, 284), (290, 286),
                                 (290, 302), (244, 304), (206, 286), (190, 250)]))
    svg.zone("ear", smooth_loop([(158, 152), (196, 150), (210, 182), (206, 216), (184, 240),
                                 (154, 234), (150, 190)]))
    svg.zone("occiput", smooth_loop([(80, 160), (120, 130), (152, 150), (154, 220),
                                     (136, 262), (98, 272), (78, 220)]))
    svg.zone("neck-back", smooth_loop([(96, 276), (140, 264), (154, 320), (160, 390),
                                       (122, 396), (118, 330)]))
    svg.zone("neck-side", smooth_loop([(150, 238), (184, 246), (206, 320), (222, 404),
                                       (180, 416), (146, 380), (134, 300)]))
    svg.zone("throat", smooth_loop([(240, 306), (256, 306), (258, 370), (276, 434),
                                    (254, 438), (238, 380), (232, 330)]))
    svg.zone("top-shoulder", smooth_loop([(112, 400), (160, 410), (220, 430), (218, 452),
                                          (160, 446), (104, 436)]))
    return svg


# --------------------------------------------------------------------------- main

VIEWS = {
    "head-front": head_front,
    "head-side": head_side,
    "head-back": head_back,
    "upper-body-back": upper_body_back,
    "upper-body-front": upper_body_front,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in VIEWS.items():
        svg = build()
        (OUT / f"{name}.svg").write_text(svg.text(), encoding="utf-8")
        print(f"wrote {OUT / name}.svg")


if __name__ == "__main__":
    main()
