using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Tests;

public sealed class UpdateEnvelopeTests
{
    static readonly byte[] Update = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public void Leader_opens_what_a_participant_sealed_to_it()
    {
        var leader = Fixtures.Identity(0);
        var participant = Fixtures.Identity(1).Id;
        byte[] envelope = UpdateEnvelope.Seal(leader.AgreementPublicKey, Fixtures.Task, 4, participant, Update);
        Assert.Equal(Update.Length + UpdateEnvelope.Overhead, envelope.Length);
        Assert.Equal(Update, UpdateEnvelope.Open(leader, Fixtures.Task, 4, participant, envelope));
    }

    [Fact]
    public void Two_seals_of_the_same_update_differ()
    {
        var leader = Fixtures.Identity(0);
        var p = Fixtures.Identity(1).Id;
        Assert.NotEqual(UpdateEnvelope.Seal(leader.AgreementPublicKey, Fixtures.Task, 4, p, Update), UpdateEnvelope.Seal(leader.AgreementPublicKey, Fixtures.Task, 4, p, Update));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(200)]
    public void Any_flipped_byte_is_rejected(int index)
    {
        var leader = Fixtures.Identity(0);
        var p = Fixtures.Identity(1).Id;
        byte[] envelope = UpdateEnvelope.Seal(leader.AgreementPublicKey, Fixtures.Task, 4, p, Update);
        envelope[index] ^= 0x01;
        Assert.Throws<InvalidDataException>(() => UpdateEnvelope.Open(leader, Fixtures.Task, 4, p, envelope));
        envelope[index] ^= 0x01;
        envelope[^1] ^= 0x80;
        Assert.Throws<InvalidDataException>(() => UpdateEnvelope.Open(leader, Fixtures.Task, 4, p, envelope));
    }

    [Fact]
    public void An_envelope_moved_to_another_round_participant_task_or_recipient_does_not_open()
    {
        var leader = Fixtures.Identity(0);
        var p = Fixtures.Identity(1).Id;
        byte[] envelope = UpdateEnvelope.Seal(leader.AgreementPublicKey, Fixtures.Task, 4, p, Update);
        Assert.Throws<InvalidDataException>(() => UpdateEnvelope.Open(leader, Fixtures.Task, 5, p, envelope));
        Assert.Throws<InvalidDataException>(() => UpdateEnvelope.Open(leader, Fixtures.Task, 4, Fixtures.Identity(2).Id, envelope));
        Assert.Throws<InvalidDataException>(() => UpdateEnvelope.Open(leader, Hash32.Sha256("other task"u8), 4, p, envelope));
        Assert.Throws<InvalidDataException>(() => UpdateEnvelope.Open(Fixtures.Identity(3), Fixtures.Task, 4, p, envelope));
    }

    [Fact]
    public void A_low_order_ephemeral_key_and_a_truncated_envelope_are_rejected()
    {
        var leader = Fixtures.Identity(0);
        var p = Fixtures.Identity(1).Id;
        byte[] envelope = UpdateEnvelope.Seal(leader.AgreementPublicKey, Fixtures.Task, 4, p, Update);
        Array.Clear(envelope, 1, 32);
        var e = Assert.Throws<InvalidDataException>(() => UpdateEnvelope.Open(leader, Fixtures.Task, 4, p, envelope));
        Assert.Contains("low-order", e.Message);
        Assert.Throws<InvalidDataException>(() => UpdateEnvelope.Open(leader, Fixtures.Task, 4, p, envelope[..40]));
    }
}
