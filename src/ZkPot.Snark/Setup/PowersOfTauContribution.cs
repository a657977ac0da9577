namespace ZkPot.Snark.Setup;

/// <summary>
/// One phase-1 contribution recorded in a .ptau (section 7): its position (1-based, as snarkjs numbers them), the
/// contributor's name if given, and the type (0: contribution, 1: random beacon). The points and hashes it also holds
/// are checked when read but kept only by <c>snarkjs powersoftau verify</c>'s business, not setup's.
/// </summary>
public sealed record PowersOfTauContribution(int Number, string? Name, uint Type)
{
    public bool IsBeacon => Type == 1;
}
