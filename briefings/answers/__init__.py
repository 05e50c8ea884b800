"""Answers to questions, from stored sentences only, each with its citation (``answer.answer_question``)."""
