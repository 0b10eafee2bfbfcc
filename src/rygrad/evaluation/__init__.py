"""Evaluation: the six-conditions assessment, evidence, the change register with
contribution claims, the collaboration network and the generated learning report."""
