namespace ZkPot.Grains;

/// <summary>What a Byzantine member's own code does (ZkPot.Grains.Adversary), or the attack an evaluation run models; None for an honest one.</summary>
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
    /// <summary>As leader: proposes a model of its own in place of the mean of the included updates.</summary>
    LeaderSubstitute,
    /// <summary>As leader: leaves one included update out of the published sum.</summary>
    LeaderDrop,
    /// <summary>Participant: biases of 1e9, 2e9, ... in its update (formerly also a 2^62 sample count).</summary>
    PoisonScale,
    /// <summary>A member: once others vote for a block carrying its claim, a second valid claim (a re-randomized proof) to one member.</summary>
    ClaimEquivocation,
    /// <summary>A member: answers the first request for each of its blobs and openings only after the asker gave up.</summary>
    LateBlob,
    /// <summary>A member: signed votes for made-up blocks at far views with its first vote of each height.</summary>
    VoteFlood,
}
