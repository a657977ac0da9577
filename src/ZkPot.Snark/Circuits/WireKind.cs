namespace ZkPot.Snark.Circuits;

/// <summary>What a builder variable becomes in the R1CS; the wire order is this enum's order, then allocation order.</summary>
internal enum WireKind : byte
{
    Constant,
    PublicOutput,
    PublicInput,
    PrivateInput,
    Internal,
}
