namespace ZkPot.Snark.Circuits;

/// <summary>One term of a linear combination: a non-zero coefficient times a variable (the constant 1 for constants).</summary>
public readonly record struct Term(Variable Variable, Fr Coefficient);
