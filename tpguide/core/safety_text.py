"""The safety wording (red flags, contraindications, stop rules, urgent care) in one Qt-free place.

Every string is marked with ``N_`` (a no-op: the extractor puts them in the "safety"
catalogue), so the UI can translate it with ``QCoreApplication.translate(CONTEXT, text)``
(the QTranslator bridge answers from that catalogue) and the core with ``_(text)``, and the
wording stays the same in the safety gate, the "I feel unwell" panel and anywhere else it
is shown. Paraphrased from the domain
brief, section 3; calm, plain and without promises of relief.
"""

from __future__ import annotations

from tpguide.core.i18n import N_, _
from tpguide.core.record import record

CONTEXT = "SafetyText"
"""The Qt context the windows translate these with; the catalogue ("safety") ignores it."""


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
    "It is written for adults. Please read this once before your first session."
)

HEART_WARNING = N_(
    "Chest pain or pressure that starts suddenly: call your emergency number now if it "
    "spreads to the arm or jaw (or the neck or back), makes the chest feel tight or heavy, "
    "comes with breathlessness, sweating or feeling sick, or lasts more than 15 minutes. It "
    "can come from the heart, not a muscle. Any other new chest pain: have it checked before "
    "you use tpguide."
)
"""Shown in the red flags and before any point is offered for the chest, throat, jaw or arm.

Each sign on its own is a reason to call: breathlessness or sweating is not required too, as
a heart attack often comes without them (the public chest-pain advice lists them as
alternatives)."""

THROAT_WARNING = N_(
    "Pain in the throat with trouble swallowing or breathing, a fever, a lump in the neck or "
    "a hoarse voice lasting more than three weeks needs a doctor, not massage. Never press "
    "on the front of the neck."
)

EYE_WARNING = N_(
    "A painful red eye with blurred sight or haloes around lights, often with feeling sick, "
    "can be acute glaucoma: an emergency, get help now. Severe attacks on one side around "
    "the eye, with a watering eye and a blocked nose on that side, can be cluster headache: "
    "see a doctor, as this is not a trigger-point pattern."
)

NO_ROUTINE_HERE = N_(
    "tpguide suggests no points and builds no routine for pain in the chest or breastbone: "
    "have the pain checked by a doctor first."
)

HEADACHE_RULE = N_(
    "A familiar ache may come on briefly while you press; stop if it keeps building or "
    "feels different."
)
"""The one rule about a headache during pressing; routines repeat this sentence word for word."""

RED_FLAGS = Section(
    N_("Get medical help instead of massage"),
    N_("Some headaches and pains need a doctor, not massage. Do not use tpguide, and get "
       "medical help, if you have:"),
    (
        N_("A sudden, very severe headache: the worst you have ever had, reaching its peak "
           "within about a minute. Call your emergency number now."),
        N_("New weakness, numbness, trouble speaking, double vision, confusion, loss of "
           "balance, fainting or a seizure."),
        N_("Fever with a stiff neck, a rash, or feeling very ill."),
        N_("A headache that started after a blow to the head, a fall or an accident."),
        N_("A new kind of headache that starts after the age of about 50, especially with a "
           "tender scalp, jaw pain when chewing, or changes in your sight."),
        N_("New pain on one side of the neck or at the back of the head, with a headache, "
           "after a jolt, a fall, a neck manipulation or a sudden neck movement, especially "
           "with a drooping eyelid, a small pupil, face pain, slurred speech or trouble "
           "swallowing. A torn neck artery can cause this, and it has followed neck massage: "
           "get urgent help."),
        N_("A headache while you are pregnant or in the weeks after giving birth: talk to "
           "your midwife or doctor the same day, and get urgent help if it is severe or comes "
           "with changes in your sight or swelling of the face or hands."),
        N_("A new headache while you take blood thinners: get medical care the same day, as "
           "it can mean bleeding inside the head."),
        HEART_WARNING,
        N_("A painful red eye with blurred sight or haloes around lights, often with feeling "
           "sick: this can be acute glaucoma, an emergency. Get urgent help now."),
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
        N_("Your headache is clearly different from your usual ones: the first, the worst, "
           "or a new kind."),
        N_("One eyelid newly droops, or one pupil is newly smaller than the other."),
        N_("You have severe attacks of pain on one side around the eye, with a watering eye "
           "and a blocked nose on that side: this can be cluster headache, which needs a "
           "doctor and is not a trigger-point pattern."),
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
        N_("A bleeding disorder, low platelets, or medicines that thin the blood: "
           "anticoagulants (such as warfarin, apixaban, rivaroxaban or dabigatran) or "
           "antiplatelet medicines (such as clopidogrel). Light pressure only, as you may "
           "bruise easily."),
        N_("A deep vein thrombosis or another known clot, a fracture, severe osteoporosis "
           "or weak bones, or recent surgery."),
        N_("An open or healing wound, a burn, a skin infection, inflamed skin, varicose "
           "veins, a known aneurysm, or a tumour in the area."),
        N_("A fever or an infection, or very high blood pressure that is not under "
           "control. Blood pressure medicines can make you light-headed: get up slowly."),
        N_("A pregnancy, especially a high-risk one or in the first three months: ask "
           "your midwife or doctor."),
        N_("Cancer: ask your cancer team before any deep pressure."),
        N_("Recent Botox (botulinum toxin) injections into the muscles of the head, neck or "
           "jaw, recent dental work or jaw surgery, or a known unstable upper neck (for "
           "example with rheumatoid arthritis, Down syndrome or after neck surgery): ask the "
           "clinician who treats you before pressing there."),
        N_("Known narrowing of the neck arteries, a past tear in a neck artery, or fainting "
           "when your neck is pressed: leave out the points on the side of the neck and ask "
           "your doctor."),
        N_("Children and teenagers: tpguide is written for adults; ask a doctor or "
           "physiotherapist instead."),
        N_("For everyone: keep away from the front of the neck (windpipe, thyroid, the "
           "artery you can feel beating), the hollow above the collarbone, the pulse at the "
           "temple, and the soft hollow below and behind the ear lobe. Never dig hard at the "
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
        N_("Your headache keeps building while you press, or feels different from your usual "
           "one. A familiar ache that comes on briefly and then settles is common."),
        N_("You feel a pulse beating under your fingers, or a choking feeling: let go. If "
           "you try again, take hold further away from the throat."),
        N_("You notice slurred speech, double vision or trouble with balance: get urgent "
           "help. Nausea, vomiting, ringing in the ears or a change in your sight need urgent "
           "help too when they are new or unlike your usual migraine, or come together with "
           "dizziness, weakness or unsteadiness."),
    ),
)

URGENT_CARE = Section(
    N_("Get urgent help now"),
    N_("Call your local emergency number (for example 112 or 911), and do not drive "
       "yourself, if you notice:"),
    (
        N_("A sudden, very severe headache, the worst you have ever had."),
        N_("Slurred speech, weakness or numbness in the face, an arm or a leg, sudden loss "
           "of sight, confusion, loss of balance, fainting or a seizure."),
        N_("Dizziness that does not pass, unsteadiness or double vision after pressing on "
           "your neck, or a newly drooping eyelid. Nausea, vomiting or ringing in the ears "
           "count too when they come with these, or are new or unlike your usual migraine."),
        N_("Fever with a stiff neck, or feeling very ill."),
        N_("Chest pain, pressure or tightness, pain spreading from the chest to the arm, jaw, "
           "neck or back, or chest pain with breathlessness, sweating or feeling sick; or any "
           "trouble breathing."),
        N_("A painful red eye with blurred sight or haloes around lights."),
    ),
)

PRESSURE_SCALE = Section(
    N_("How hard to press: the 0 to 10 scale"),
    N_("The numbers describe how strong the pressure feels to you, not how hard you push. "
       "Routines name a level, such as \"moderate, 5/10\":"),
    (
        N_("0: no pressure at all."),
        N_("1 to 3, light: you feel the touch and perhaps a mild tenderness."),
        N_("4 to 6, moderate: clearly tender, yet you can breathe slowly and stay relaxed."),
        N_("7, firm: strong but bearable. This is the most to use, whatever a routine says."),
        N_("8 to 10: too much. If you hold your breath, tense up or wince, ease off."),
    ),
)

AFTER_CARE = Section(
    N_("After a session"),
    "",
    (
        N_("Move gently afterwards: turn the head slowly, roll the shoulders, open and close "
           "the jaw."),
        N_("Warmth, such as a warm shower or a warm cloth, often feels pleasant afterwards."),
        N_("The spots may feel sore or bruised for a day or two, as after exercise. If the "
           "soreness is stronger or lasts longer, press more lightly or less often next time."),
        N_("How often: short sessions once or a few times a day at most. Leave a spot alone "
           "for a day while it is still sore from the last time."),
        N_("If your pain is getting worse from week to week, is no better after 2 to 4 weeks "
           "of regular use, or keeps coming back, see a doctor or physiotherapist."),
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

GATE_SECTIONS: tuple[Section, ...] = (
    RED_FLAGS, MORE_RED_FLAGS, CONTRAINDICATIONS, STOP_RULES, PRESSURE_SCALE,
)
"""What the gate shows, every section open: no warning sign sits behind a click."""

UNWELL_SECTIONS: tuple[Section, ...] = (STOP_RULES, URGENT_CARE)
"""What the "I feel unwell" panel shows, without asking anything first."""

AGAIN_LEAD = N_(
    "You rated your pain 8 or more, or marked this headache as new or different. Please "
    "check these warning signs before you start; if any applies, get medical help instead."
)
AGAIN_SECTIONS: tuple[Section, ...] = (RED_FLAGS, URGENT_CARE)
"""What is shown again before a session when ``red_flags_again`` says so."""

SEVERE_PAIN = 8
"""A pain rating from which the red flags are shown again before a session."""


def red_flags_again(pain: int | None, new_or_different: bool) -> bool:
    """Whether to show the red flags again before a session starts.

    The gate is read once, but a severe headache (8 to 10) or one the person marks as new
    or different is exactly when a red flag may apply, so the warning signs come back then.
    ``pain`` is the 0-10 answer to the pain question, or None when it was not asked.
    """
    return new_or_different or (pain is not None and pain >= SEVERE_PAIN)


def all_sections() -> tuple[Section, ...]:
    """Every section, in reading order (for Help, a handout or a plain-text export)."""
    return (RED_FLAGS, MORE_RED_FLAGS, CONTRAINDICATIONS, STOP_RULES, URGENT_CARE,
            PRESSURE_SCALE, AFTER_CARE)


def as_plain_text(sections: tuple[Section, ...] | None = None) -> str:
    """The sections as plain text in the active language, items bulleted: for a terminal,
    a log or a test."""
    lines: list[str] = []
    for section in sections if sections is not None else all_sections():
        lines.append(_(section.title))
        if section.lead:
            lines.append(_(section.lead))
        lines.extend(f"- {_(item)}" for item in section.items)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
