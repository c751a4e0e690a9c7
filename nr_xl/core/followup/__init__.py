"""After the vote: what the follow-up committees read (progress, spending, measures), pure."""
