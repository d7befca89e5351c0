namespace ClaimMl.Entailment;

/// <summary>The judge's three classes, in the order of its output logits.</summary>
internal enum EntailmentLabel
{
    /// <summary>The passage states the claim.</summary>
    Entails = 0,

    /// <summary>The passage contradicts the claim.</summary>
    Contradicts = 1,

    /// <summary>The passage neither states nor contradicts the claim (on another subject, or on the same one without taking a position).</summary>
    Neither = 2,
}
