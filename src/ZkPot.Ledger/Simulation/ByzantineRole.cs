namespace ZkPot.Ledger.Simulation;

/// <summary>What a Byzantine node does in the simulation, besides withholding every vote for honest blocks (which all Byzantine nodes do).</summary>
public enum ByzantineRole
{
    /// <summary>Submits a claim whose proof is random bytes.</summary>
    InvalidProof,
    /// <summary>Claims a higher correct count than its proof attests.</summary>
    InflatedClaim,
    /// <summary>Re-signs another participant's claim (same proof) as its own, and re-sends claims from the previous round.</summary>
    ReplayedClaim,
    /// <summary>Trains well (so it leads), then sends two different valid blocks to two halves of the honest nodes; the coalition votes for both.</summary>
    EquivocatingLeader,
    /// <summary>Trains well (so it leads), then proposes a noise model while stating the honest accuracy; the coalition votes for it.</summary>
    NoiseAggregate,
    /// <summary>Sends its honest claim to everyone, then, once the honest nodes are voting on a block that carries it, a second valid claim (another model, a true proof) to one honest node.</summary>
    ClaimEquivocator,
    /// <summary>Each height: signed prevotes and precommits for made-up blocks at 60 far views, and ten different claims with junk proofs, to every honest node (the unit tests flood harder).</summary>
    Flooder,
}
