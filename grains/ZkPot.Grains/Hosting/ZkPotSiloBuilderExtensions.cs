using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Placement;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using ZkPot.Grains.Placement;
using ZkPot.Grains.Services;

namespace ZkPot.Grains.Hosting;

/// <summary>Wires ZkPot into a silo: its metadata (gpu, owner), the owner/GPU placement filters, the "zkpot" grain storage, the content store and the member's key store.</summary>
public static class ZkPotSiloBuilderExtensions
{
    public const string StorageName = "zkpot";

    public static ISiloBuilder AddZkPot(this ISiloBuilder silo, SiloRole role, ZkPotStorage storage, KeyStore keys)
    {
        silo.Services.AddSingleton(keys);
        silo.UseSiloMetadata(role.Metadata());
        silo.Services.AddSingleton(role);
        silo.Services.AddSingleton<SiloProver>();
        silo.Services.AddSingleton(storage.Content);
        silo.Services.TryAddSingleton<IOpeningSource, GrainOpeningSource>();
        silo.Services.TryAddSingleton<IAggregateMaker, HonestAggregateMaker>();
        silo.Services.AddPlacementFilter<OwnerPlacementFilterStrategy, OwnerPlacementFilterDirector>(ServiceLifetime.Singleton);
        silo.Services.AddPlacementFilter<OwnerGpuPlacementFilterStrategy, OwnerPlacementFilterDirector>(ServiceLifetime.Singleton);
        storage.AddGrainStorage(silo);
        return silo;
    }
}
