using Orleans.Placement;

namespace ZkPot.Grains.Placement;

/// <summary>Marks a grain class for <see cref="OwnerGpuPlacementFilterStrategy"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OwnerGpuPlacementAttribute() : PlacementFilterAttribute(new OwnerGpuPlacementFilterStrategy());
