"""Rule-based event extraction from clean English article text."""
