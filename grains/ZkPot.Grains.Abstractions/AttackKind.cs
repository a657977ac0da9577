namespace ZkPot.Grains;

/// <summary>How a Byzantine participant misbehaves; None for an honest one.</summary>
[GenerateSerializer, Alias("zkpot.attack-kind")]
public enum AttackKind
{
    None,
    InflatedClaim,
    ForgedProof,
    ReplayedProof,
    LabelFlip,
    SignFlip,
    NoiseUpdate,
    NoiseLeader,
    Equivocation,
    WithholdVotes,
}
