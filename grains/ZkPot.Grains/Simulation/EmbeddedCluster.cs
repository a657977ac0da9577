using System.Collections.Concurrent;
using Orleans.Configuration;
using Orleans.TestingHost;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Simulation;

/// <summary>
/// Several silos in this process (Orleans' in-process cluster): silo i is owned by "owner{i}", silo 0 has the GPU.
/// Grain state and content live where <see cref="ZkPotStorage"/> says: shared process memory or Azure Blob storage
/// (Azurite) outlive any one silo, so silos can be killed and restarted without losing state.
/// </summary>
public sealed class EmbeddedCluster : IZkPotCluster
{
    readonly ConcurrentDictionary<string, int> _indices = new(StringComparer.Ordinal);

    readonly bool _ownsKeys;

    EmbeddedCluster(InProcessTestCluster cluster, IContentStore content, KeyStore keys, bool ownsKeys)
    {
        Cluster = cluster;
        Content = content;
        Keys = keys;
        _ownsKeys = ownsKeys;
    }

    public InProcessTestCluster Cluster { get; }
    public IContentStore Content { get; }
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The key store of every member in this process (one process holds them all; each owner's keys under its own folder).</summary>
    public KeyStore Keys { get; }

    /// <summary>The role of the silo with the given position: owner{i}, GPU for silo 0 only (unless <paramref name="gpuSilos"/> says otherwise).</summary>
    public static SiloRole RoleOf(int index, string name, ISet<int>? gpuSilos = null) =>
        new(name, gpuSilos?.Contains(index) ?? index == 0, $"owner{index}");

    /// <summary>Starts on process memory: state shared by the silos (so one can die) when <paramref name="state"/> is given, per silo otherwise.</summary>
    public static Task<EmbeddedCluster> StartAsync(int silos, IContentStore? content = null, SharedStateStore? state = null,
                                                   ISet<int>? gpuSilos = null, Func<int, SiloRole>? roles = null, KeyStore? keys = null) =>
        StartAsync(silos, state is null ? ZkPotStorage.Memory(content) : ZkPotStorage.SharedMemory(state, content), gpuSilos, roles, keys);

    /// <param name="keys">The members' key store; a fresh one in a new temporary folder when none is given (a chain it starts cannot be continued with other keys).</param>
    /// <param name="configure">More services for every silo (a member's federation link, an adversary's own code).</param>
    public static async Task<EmbeddedCluster> StartAsync(int silos, ZkPotStorage storage, ISet<int>? gpuSilos = null, Func<int, SiloRole>? roles = null,
                                                         KeyStore? keys = null, Action<ISiloBuilder>? configure = null)
    {
        bool ownsKeys = keys is null;
        keys ??= new KeyStore(System.IO.Directory.CreateTempSubdirectory("zkpot-keys-").FullName);
        if (silos < 1) throw new ArgumentOutOfRangeException(nameof(silos), $"an embedded cluster needs at least one silo, got {silos}");
        var builder = new InProcessTestClusterBuilder((short)silos);
        EmbeddedCluster? self = null;
        var indices = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        builder.ConfigureSilo((options, silo) =>
        {
            int index = indices.GetOrAdd(options.SiloName, _ => indices.Count);
            var role = roles?.Invoke(index) ?? RoleOf(index, options.SiloName, gpuSilos);
            silo.AddZkPot(role with { Name = options.SiloName }, storage, keys);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
            configure?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        self = new EmbeddedCluster(cluster, storage.Content, keys, ownsKeys);
        foreach (var (k, v) in indices) self._indices[k] = v;
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (_ownsKeys) System.IO.Directory.Delete(Keys.Directory, recursive: true);
    }
}
