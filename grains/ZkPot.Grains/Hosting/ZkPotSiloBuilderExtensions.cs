using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;
using ZkPot.Grains.Placement;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Hosting;

/// <summary>Wires ZkPot into a silo: its metadata (gpu, owner), the owner/GPU placement filters, the "zkpot" grain storage and the content store.</summary>
public static class ZkPotSiloBuilderExtensions
{
    public const string StorageName = "zkpot";

    public static ISiloBuilder AddZkPot(this ISiloBuilder silo, SiloRole role, IContentStore content, SharedStateStore? sharedState = null)
    {
        silo.UseSiloMetadata(role.Metadata());
        silo.Services.AddSingleton(role);
        silo.Services.AddSingleton(content);
        silo.Services.AddPlacementFilter<OwnerPlacementFilterStrategy, OwnerPlacementFilterDirector>(ServiceLifetime.Singleton);
        silo.Services.AddPlacementFilter<OwnerGpuPlacementFilterStrategy, OwnerPlacementFilterDirector>(ServiceLifetime.Singleton);
        if (sharedState is not null)
            silo.Services.AddGrainStorage(StorageName, (sp, _) => new SharedMemoryGrainStorage(sharedState, sp.GetRequiredService<Serializer>()));
        else
            silo.AddMemoryGrainStorage(StorageName);
        return silo;
    }
}
