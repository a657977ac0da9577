using Orleans.Placement;

namespace ZkPot.Grains.Placement;

/// <summary>Places a prover on a GPU silo of its participant's owner, falling back to that owner's CPU silos.</summary>
public sealed class OwnerGpuPlacementFilterStrategy() : PlacementFilterStrategy(0);
