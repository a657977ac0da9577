using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Federation;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Tests;

/// <summary>
/// A member answers a request (an opening sealed to the requester's genesis key, or a blob) only when a validator of
/// the genesis set signed it, for this task, recently. The attempts: an outsider asking as itself, an outsider
/// putting a validator's id on a request it signs, a changed request, another task's, an old one replayed.
/// </summary>
public sealed class FederationRequestTests
{
    static readonly NodeIdentity[] Ids = Fixtures.Identities(4);
    static readonly ValidatorSet Validators = Fixtures.Validators(Ids);
    static readonly NodeIdentity Outsider = Fixtures.Identity(50);
    static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    static ulong Clock(DateTimeOffset at) => (ulong)at.ToUnixTimeMilliseconds() * 1000;

    static (FederationRequest? Request, string? Refusal) Check(byte[] request, Hash32? task = null) =>
        FederationRequest.Check(request, task ?? Fixtures.Task, Validators, Now);

    [Fact]
    public void A_validators_requests_are_read_back_with_the_requester()
    {
        var (opening, refusal) = Check(FederationRequest.Opening(Fixtures.Task, Ids[1], Clock(Now), 7));
        Assert.Null(refusal);
        Assert.Equal((Ids[1].Id, FederationRequest.OpeningKind, 7L), (opening!.Requester, opening.Kind, opening.Round));

        var cid = Cid.Of("a model"u8);
        var (blob, _) = Check(FederationRequest.ForBlob(Fixtures.Task, Ids[2], Clock(Now), cid));
        Assert.Equal(cid, blob!.Blob);
    }

    [Fact]
    public void An_outsider_asking_as_itself_is_refused()
    {
        var (request, refusal) = Check(FederationRequest.Opening(Fixtures.Task, Outsider, Clock(Now), 7));
        Assert.Null(request);
        Assert.Contains("not a validator of the genesis set", refusal);
    }

    [Fact]
    public void An_outsider_putting_a_validators_id_on_its_request_is_refused()
    {
        // Signed with the outsider's key, the sender field rewritten to validator 1's id.
        var forged = FederationRequest.Opening(Fixtures.Task, Outsider, Clock(Now), 7);
        Ids[1].Id.CopyTo(forged.AsSpan(32));
        // Without the signature check the request passes as validator 1's: the envelope names it as the requester.
        Assert.Equal(Ids[1].Id, FederationMessage.Decode(forged).Sender);
        var (request, refusal) = Check(forged);
        Assert.Null(request);
        Assert.Contains("bad signature", refusal);
    }

    [Fact]
    public void A_changed_request_is_refused()
    {
        var changed = FederationRequest.Opening(Fixtures.Task, Ids[1], Clock(Now), 7);
        changed[32 + 20 + 8 + 1 + 4] ^= 1;
        Assert.Contains("bad signature", Check(changed).Refusal);
    }

    [Fact]
    public void Another_tasks_request_and_an_old_one_are_refused()
    {
        Assert.Contains("for task", Check(FederationRequest.Opening(Hash32.Sha256("other task"u8), Ids[1], Clock(Now), 7)).Refusal);
        var old = FederationRequest.Opening(Fixtures.Task, Ids[1], Clock(Now.AddMinutes(-11)), 7);
        Assert.Contains("away from this member's clock", Check(old).Refusal);
        // Within the window it is still answered: a read, answered again with the same sealed update.
        Assert.Null(Check(FederationRequest.Opening(Fixtures.Task, Ids[1], Clock(Now.AddMinutes(-9)), 7)).Refusal);
    }
}
