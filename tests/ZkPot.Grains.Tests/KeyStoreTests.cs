using Microsoft.Extensions.DependencyInjection;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;

namespace ZkPot.Grains.Tests;

/// <summary>
/// Keys are made by their owner, from the operating system's randomness, and kept in its key store: a client of the
/// cluster that attaches as a participant's worker gets no key, and grain state (the shared storage) holds none.
/// </summary>
public sealed class KeyStoreTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("zkpot-keystore-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Keys_are_random_per_store_stable_once_made_and_readable_by_their_owner_only()
    {
        var store = new KeyStore(_dir);
        Assert.Throws<KeyNotFoundException>(() => store.Get("owner0/p0"));
        var made = store.GetOrCreate("owner0/p0");
        Assert.Equal(made.Id, store.GetOrCreate("owner0/p0").Id);
        Assert.Equal(made.Id, new KeyStore(_dir).Get("owner0/p0").Id);
        // The same participant key in another member's store (another run, another machine) is another identity.
        Assert.NotEqual(made.Id, new KeyStore(Path.Combine(_dir, "other")).GetOrCreate("owner0/p0").Id);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "owner0", "p0.key")));
        Assert.Throws<ArgumentException>(() => store.GetOrCreate("../outside"));
        Assert.Throws<ArgumentException>(() => store.GetOrCreate("owner0//p1"));
    }

    [Fact]
    public void An_imported_seed_is_kept_only_for_a_key_that_has_none()
    {
        var store = new KeyStore(_dir);
        var seed = Enumerable.Range(1, ZkPot.Ledger.Identity.NodeIdentity.SeedSize).Select(i => (byte)i).ToArray();
        Assert.True(store.Import("owner1/p1", seed));
        Assert.Equal(ZkPot.Ledger.Identity.NodeIdentity.FromSeed(seed).Id, store.Get("owner1/p1").Id);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "owner1", "p1.key")));
        var made = store.GetOrCreate("owner0/p0");
        Assert.False(store.Import("owner0/p0", seed));
        Assert.Equal(made.Id, store.Get("owner0/p0").Id);
        Assert.Throws<ArgumentException>(() => store.Import("owner2/p2", seed[..16]));
    }

    /// <summary>A worker stub for the attacker's attach.</summary>
    sealed class Thief : IParticipantWorker
    {
        public Task<ClaimSubmission> TrainAndClaim(long round, string globalModelCid) => throw new NotSupportedException();
        public Task<string> SealUpdate(long round, byte[] leaderAgreementKey) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Attaching_as_a_participants_worker_yields_no_key_and_grain_state_holds_none()
    {
        var state = new SharedStateStore();
        await using var cluster = await EmbeddedCluster.StartAsync(1, ZkPotStorage.SharedMemory(state), keys: new KeyStore(_dir));
        var grain = cluster.Grains.GetGrain<IParticipantGrain>("owner0/p5");
        var keys = await grain.Initialize(new ParticipantSetup { Task = new TaskSpec { TaskId = new byte[32] } });
        byte[] seed = File.ReadAllBytes(Path.Combine(_dir, "owner0", "p5.key"));
        Assert.Equal(keys.NodeId, cluster.Keys.Get("owner0/p5").Id.ToString());

        // Any client of the cluster may attach as the worker; what it gets is the setup, without the seed.
        var setup = await grain.Attach(cluster.Cluster.Client.CreateObjectReference<IParticipantWorker>(new Thief()));
        var serializer = cluster.Cluster.Client.ServiceProvider.GetRequiredService<Orleans.Serialization.Serializer>();
        Assert.False(Contains(serializer.SerializeToArray(setup), seed), "the attach answer carries the participant's seed");
        var stored = state.Snapshot();
        Assert.Contains(stored, e => e.Key.Contains("p5", StringComparison.Ordinal));
        Assert.All(stored, e => Assert.False(Contains(e.Bytes, seed), $"grain state {e.Key} carries the participant's seed"));
    }

    static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
