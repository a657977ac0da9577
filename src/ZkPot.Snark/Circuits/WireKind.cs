namespace ZkPot.Snark.Circuits;

/// <summary>What a builder variable becomes in the R1CS; the wire order is this enum's order, then allocation order.</summary>
internal enum WireKind : byte
{
    Constant,
    PublicOutput,
    PublicInput,
    /// <summary>A private input the proof commits to (element D of a commit-and-prove proof); the last is the mask.</summary>
    CommittedInput,
    PrivateInput,
    Internal,
}
