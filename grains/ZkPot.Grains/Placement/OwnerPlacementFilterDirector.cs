using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;
using ZkPot.Grains.Services;

namespace ZkPot.Grains.Placement;

/// <summary>
/// Filters placement candidates by silo metadata: the owner must match the grain key's owner, and for provers a GPU silo
/// is required when one of the owner's is up; otherwise the owner's CPU silos are used, with a log line and the
/// zkpot.prover.placement.fallback metric. With no silo of the owner at all, every candidate stays (the work must run).
/// </summary>
public sealed class OwnerPlacementFilterDirector(ISiloMetadataCache metadata, ILogger<OwnerPlacementFilterDirector> logger) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var candidates = silos.ToList();
        string key = target.GrainIdentity.Key.ToString()!;
        string owner;
        try { owner = SiloRole.OwnerOf(key); }
        catch (ArgumentException) { return candidates; }
        var owned = candidates.Where(s => Value(s, SiloRole.OwnerKey) == owner).ToList();
        if (owned.Count == 0)
        {
            logger.LogWarning("No silo of owner {Owner} is up for {Grain}; placing on any silo", owner, target.GrainIdentity);
            owned = candidates;
        }
        if (filterStrategy is not OwnerGpuPlacementFilterStrategy) return owned;
        var gpu = owned.Where(s => Value(s, SiloRole.GpuKey) == "true").ToList();
        if (gpu.Count > 0) return gpu;
        logger.LogWarning("No GPU silo of owner {Owner} is up; prover {Grain} falls back to a CPU silo", owner, target.GrainIdentity);
        ZkPotTelemetry.PlacementFallback.Add(1, new KeyValuePair<string, object?>("owner", owner));
        return owned;
    }

    string? Value(SiloAddress silo, string key) =>
        metadata.GetSiloMetadata(silo).Metadata.TryGetValue(key, out var value) ? value : null;
}
