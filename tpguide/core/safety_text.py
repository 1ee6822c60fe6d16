"""The safety wording (red flags, contraindications, stop rules, urgent care) in one Qt-free place.

Every string is marked with ``N_`` (a no-op), so the UI can translate it with
``QCoreApplication.translate(CONTEXT, text)`` and the wording stays the same in the safety
gate, the "I feel unwell" panel and anywhere else it is shown. Paraphrased from the domain
brief, section 3; calm, plain and without promises of relief.
"""

from __future__ import annotations

from tpguide.core.record import record

CONTEXT = "SafetyText"
"""The translation context of every string in this module."""


def N_(text: str) -> str:
    """Mark a string for translation without translating it here (the core has no Qt)."""
    return text


@record(frozen=True, slots=True)
class Section:
    """A heading, an optional sentence under it, and a list of short items."""

    title: str
    lead: str
    items: tuple[str, ...]


INTRO = N_(
    "tpguide guides gentle pressure on tender spots in your muscles. It cannot tell what "
    "causes your pain and it does not replace a doctor. Some people find that this kind of "
    "pressure eases tender muscles, but research on how much it helps headaches is limited. "
    "Please read this once before your first session."
)

RED_FLAGS = Section(
    N_("Get medical help instead of massage"),
    N_("Some headaches need a doctor, not massage. Do not use tpguide, and get medical "
       "help, if you have:"),
    (
        N_("A sudden, very severe headache: the worst you have ever had, reaching its peak "
           "within about a minute. Call your emergency number now."),
        N_("New weakness, numbness, trouble speaking, double vision, confusion, loss of "
           "balance, fainting or a seizure."),
        N_("Fever with a stiff neck, a rash, or feeling very ill."),
        N_("A headache that started after a blow to the head, a fall or an accident."),
        N_("A new kind of headache that starts after the age of about 50, especially with a "
           "tender scalp, jaw pain when chewing, or changes in your sight."),
    ),
)

MORE_RED_FLAGS = Section(
    N_("Also see a doctor first if"),
    "",
    (
        N_("You have lost weight without trying, or have had cancer or HIV, and have a new "
           "headache."),
        N_("A headache wakes you from sleep, changes when you stand up or lie down, or gets "
           "worse when you cough, strain or exercise."),
        N_("A headache keeps getting worse over days or weeks."),
        N_("You have a new headache during pregnancy."),
        N_("Your headache is clearly different from your usual ones: the first, the worst, "
           "or a new kind."),
        N_("You have new pain on one side of the neck or at the back of the head after a "
           "neck manipulation, an injury or a sudden neck movement, especially with a "
           "drooping eyelid, a small pupil, face pain, slurred speech or trouble "
           "swallowing. A torn neck artery can cause this, and it has followed neck "
           "massage."),
        N_("One eyelid newly droops, or one pupil is newly smaller than the other."),
        N_("You have chest pain: have it checked before you use tpguide."),
        N_("You have a headache on 15 or more days a month and, for over three months, have "
           "taken simple painkillers on 15 or more days a month, or triptans, ergots, opioids "
           "or combination pills on 10 or more days a month: the medicines themselves can "
           "keep headaches going. Talk to your doctor."),
    ),
)

CONTRAINDICATIONS = Section(
    N_("Ask your doctor first, or press only lightly"),
    N_("Massage may not suit you, or only with light pressure, if any of these apply:"),
    (
        N_("A bleeding disorder, low platelets, or blood thinners such as warfarin: "
           "no deep pressure, as you may bruise easily."),
        N_("A deep vein thrombosis or another known clot, a fracture, severe osteoporosis "
           "or weak bones, or recent surgery."),
        N_("An open or healing wound, a burn, a skin infection, inflamed skin, varicose "
           "veins, a known aneurysm, or a tumour in the area."),
        N_("A fever or an infection, or very high blood pressure that is not under "
           "control. Blood pressure medicines can make you light-headed: get up slowly."),
        N_("A pregnancy, especially a high-risk one or in the first three months: ask "
           "your midwife or doctor."),
        N_("Cancer: ask your cancer team before any deep pressure."),
        N_("Known narrowing of the neck arteries, a past tear in a neck artery, or fainting "
           "when your neck is pressed: leave out the points on the side of the neck and ask "
           "your doctor."),
        N_("For everyone: keep away from the front of the neck (windpipe, thyroid, the "
           "artery you can feel beating), the hollow above the collarbone, the pulse at the "
           "temple, and the area just in front of and below the ear. Never dig hard at the "
           "base of the skull."),
    ),
)

STOP_RULES = Section(
    N_("Stop at once if"),
    "",
    (
        N_("You feel dizzy or light-headed. If it does not pass when you rest, get urgent "
           "help."),
        N_("Your arm or hand tingles, goes numb or feels weak."),
        N_("Your headache gets worse."),
        N_("You feel a pulse beating under your fingers, or a choking feeling: let go. If "
           "you try again, take hold further away from the throat."),
        N_("You notice slurred speech, nausea or vomiting, ringing in the ears, trouble "
           "with balance, or a change in your sight: get urgent help."),
    ),
)

URGENT_CARE = Section(
    N_("Get urgent help now"),
    N_("Call your local emergency number (for example 112 or 911), and do not drive "
       "yourself, if you notice:"),
    (
        N_("A sudden, very severe headache, the worst you have ever had."),
        N_("Slurred speech, weakness or numbness in the face, an arm or a leg, trouble "
           "seeing, confusion, loss of balance, fainting or a seizure."),
        N_("Nausea or vomiting, ringing in the ears or unsteadiness after pressing on "
           "your neck, or a newly drooping eyelid."),
        N_("Fever with a stiff neck, or feeling very ill."),
        N_("Chest pain or trouble breathing."),
    ),
)

UNWELL_HEADING = N_("Session stopped. Let go and rest.")
UNWELL_LEAD = N_(
    "Take your hands away, sit or lie down somewhere safe, and breathe slowly. There is no "
    "need to go on today. If you only feel a little sore or tired, rest and let it settle. "
    "If anything below applies to you, get help as it says."
)

ACKNOWLEDGE = N_("I have read this")
"""The one acknowledgement; it is remembered, so the gate shows only once."""

GATE_SECTIONS: tuple[Section, ...] = (RED_FLAGS, CONTRAINDICATIONS, STOP_RULES)
"""What the gate shows in full; MORE_RED_FLAGS sits behind its "More" control."""

UNWELL_SECTIONS: tuple[Section, ...] = (STOP_RULES, URGENT_CARE)
"""What the "I feel unwell" panel shows, without asking anything first."""


def all_sections() -> tuple[Section, ...]:
    """Every section, in reading order (for a handout or a plain-text export)."""
    return (RED_FLAGS, MORE_RED_FLAGS, CONTRAINDICATIONS, STOP_RULES, URGENT_CARE)


def as_plain_text(sections: tuple[Section, ...] | None = None) -> str:
    """The sections as plain text, items bulleted: for a terminal, a log or a test."""
    lines: list[str] = []
    for section in sections if sections is not None else all_sections():
        lines.append(section.title)
        if section.lead:
            lines.append(section.lead)
        lines.extend(f"- {item}" for item in section.items)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
