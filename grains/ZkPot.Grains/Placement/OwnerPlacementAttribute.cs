using Orleans.Placement;

namespace ZkPot.Grains.Placement;

/// <summary>Marks a grain class for <see cref="OwnerPlacementFilterStrategy"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OwnerPlacementAttribute() : PlacementFilterAttribute(new OwnerPlacementFilterStrategy());
