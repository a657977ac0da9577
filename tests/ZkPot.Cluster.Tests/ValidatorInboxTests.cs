using System.Security.Cryptography;
using ZkPot.Grains;
using ZkPot.Grains.Grains;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Federation;
using ZkPot.Ledger.Identity;

namespace ZkPot.Cluster.Tests;

/// <summary>
/// A client of the cluster talks to a validator grain directly: what it sends is acted on only when a validator of the
/// genesis set signed it for the federation link, a sync request can fetch blocks only for its own signer, and a
/// participant seals its update to no one outside the genesis set.
/// </summary>
public sealed class ValidatorInboxTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_cluster_client_gets_nothing_done_without_a_genesis_validators_signature_or_key()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(2, SharedStores.Content, new SharedStateStore());
        var settings = SmallSimulation.Settings(4, 0, "none", 1, 2);
        var simulation = new FederatedSimulation(cluster.Grains, cluster.Content, settings);
        var result = await simulation.RunAsync(null);
        Assert.True(Assert.Single(result.Rounds).Committed);
        var task = new Hash32(simulation.Task.TaskId);
        string KeyOf(int i) => FederatedSimulation.KeyOf(i, 2);
        // The test plays validator 1's member for the legitimate case: it reads that member's key store.
        NodeIdentity Validator(int i) => cluster.Keys.Get(KeyOf(i));
        var outsider = NodeIdentity.FromSeed(SHA256.HashData("outsider"u8));
        var target = cluster.Grains.GetGrain<IValidatorGrain>(KeyOf(0));
        long now = 2 * ValidatorGrain.RoundSpacing;

        async Task<List<WireMessage>> Answers(params WireMessage[] sent) =>
            (await target.Step([.. sent], now += 10_000)).Messages.Where(m => m.To is not null).ToList();
        // Sequences as a member sends them (the clock in microseconds): validator 1's own messages of the round are recent.
        ulong clock = FederationMessage.NextSequence(0, DateTimeOffset.UtcNow);
        WireMessage Signed(NodeIdentity by, ConsensusMessage message, ulong sequence) =>
            new() { Kind = ValidatorGrain.FederationKind, Bytes = FederationMessage.Create(task, by, clock + sequence, message), From = "anyone" };

        // Not a validator of the genesis set, however the message reads.
        Assert.Empty(await Answers(Signed(outsider, new SyncRequestMessage(outsider.Id, 1), 1)));
        // The old unsigned wire form of a request is not taken at all.
        var (kind, bytes) = ConsensusMessageCodec.Encode(new SyncRequestMessage(Validator(1).Id, 1));
        Assert.Empty(await Answers(new WireMessage { Kind = kind, Bytes = bytes, From = KeyOf(1) }));
        // A validator may not point the answer at another one.
        Assert.Empty(await Answers(Signed(Validator(1), new SyncRequestMessage(Validator(2).Id, 1), 2)));
        // Its own request is answered, to it alone, with block 1 and its certificate.
        var answer = Assert.Single(await Answers(Signed(Validator(1), new SyncRequestMessage(Validator(1).Id, 1), 3)));
        Assert.Equal([KeyOf(1)], answer.To!);
        var inbox = new FederationInbox(task, new ValidatorSet(Enumerable.Range(0, 4).Select(i => Validator(i).Public)));
        var (decision, sender, refusal) = inbox.Accept(answer.Bytes);
        Assert.Null(refusal);
        Assert.Equal(Validator(0).Id, sender);
        Assert.Equal(result.Rounds[0].BlockHash, Assert.IsType<DecisionMessage>(decision).Block.Hash.ToString());
        // Sent again, the same signed request is a replay.
        Assert.Empty(await Answers(Signed(Validator(1), new SyncRequestMessage(Validator(1).Id, 1), 3)));

        // A participant's update is sealed only to a validator of the genesis set: not to a key of the client's choosing.
        var participant = cluster.Grains.GetGrain<IParticipantGrain>(KeyOf(2));
        await Assert.ThrowsAsync<ArgumentException>(() => participant.SealUpdate(1, outsider.AgreementPublicKey));
        string sealedOnce = await participant.SealUpdate(1, Validator(0).AgreementPublicKey);
        Assert.NotEmpty(sealedOnce);
        // Asked again (a signed opening request stays good for ten minutes and may be sent again and again), the same
        // envelope: a validator cannot grow the member's storage by asking.
        Assert.Equal(sealedOnce, await participant.SealUpdate(1, Validator(0).AgreementPublicKey));

        // Re-pointing grains at another task (whose genesis could name the caller's key) does not work either: a
        // validator that has signed is not set up again, and a participant set up again has no update left to seal.
        var other = new TaskSpec { TaskId = SHA256.HashData("another task"u8) };
        await Assert.ThrowsAsync<InvalidOperationException>(() => target.Initialize(new ValidatorSetup { Task = other }));
        await participant.Initialize(new ParticipantSetup { Task = other });
        await Assert.ThrowsAsync<InvalidOperationException>(() => participant.SealUpdate(1, Validator(0).AgreementPublicKey));
    }
}
