"""Partner finding: explainable suggestions of partner places, and partner-seeking briefs."""
