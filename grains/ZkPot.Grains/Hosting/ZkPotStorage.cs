using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Hosting;

/// <summary>
/// Where a silo keeps grain state (the "zkpot" grain storage: chain, rounds, participants, validators, ceremonies) and
/// content (models, keys, sealed updates). One choice for both, so a cluster never has its chain in one place and the
/// blocks' models in another.
/// </summary>
public sealed class ZkPotStorage
{
    /// <summary>Blob container of the content store.</summary>
    public const string ContentContainer = "zkpot-content";

    /// <summary>Blob container of the grain states.</summary>
    public const string StateContainer = "zkpot-state";

    readonly Action<ISiloBuilder> _grainStorage;

    ZkPotStorage(string kind, IContentStore content, Action<ISiloBuilder> grainStorage)
    {
        Kind = kind;
        Content = content;
        _grainStorage = grainStorage;
    }

    /// <summary>"memory", "shared-memory" or "azure-blob".</summary>
    public string Kind { get; }

    public IContentStore Content { get; }

    /// <summary>Per-silo memory: state is lost with the silo (a single-process run that needs nothing more).</summary>
    public static ZkPotStorage Memory(IContentStore? content = null) =>
        new("memory", content ?? new InMemoryContentStore(), silo => silo.AddMemoryGrainStorage(ZkPotSiloBuilderExtensions.StorageName));

    /// <summary>Process-wide memory shared by all in-process silos: a silo can die without losing state, as with a database.</summary>
    public static ZkPotStorage SharedMemory(SharedStateStore state, IContentStore? content = null) =>
        new("shared-memory", content ?? new InMemoryContentStore(), silo => silo.Services.AddGrainStorage(ZkPotSiloBuilderExtensions.StorageName,
            (sp, _) => new SharedMemoryGrainStorage(state, sp.GetRequiredService<Serializer>())));

    /// <summary>Azure Blob storage (or Azurite): grain states in <see cref="StateContainer"/>, content in <see cref="ContentContainer"/>.</summary>
    public static ZkPotStorage AzureBlob(BlobServiceClient blobs) =>
        new("azure-blob", new BlobContentStore(blobs.GetBlobContainerClient(ContentContainer)), silo =>
            silo.AddAzureBlobGrainStorage(ZkPotSiloBuilderExtensions.StorageName, (OptionsBuilder<AzureBlobStorageOptions> options) =>
                options.Configure<Serializer>((o, serializer) =>
                {
                    o.BlobServiceClient = blobs;
                    o.ContainerName = StateContainer;
                    // Orleans' own binary format: every state type already has a generated serializer and stable ids.
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                })));

    internal void AddGrainStorage(ISiloBuilder silo) => _grainStorage(silo);
}
