using Orleans.Placement;

namespace ZkPot.Grains.Placement;

/// <summary>Places a grain keyed "owner/..." only on silos whose metadata owner matches (a participant's data stays on its owner's silos).</summary>
public sealed class OwnerPlacementFilterStrategy() : PlacementFilterStrategy(0);
