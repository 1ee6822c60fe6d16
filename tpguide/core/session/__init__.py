"""A session's timeline: the plan from a routine, the engine that runs it, its cues, their mix."""
