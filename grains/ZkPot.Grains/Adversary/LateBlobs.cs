using ZkPot.Ledger.Federation;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Adversary;

/// <summary>
/// Uploads late: the first request for each of its blobs and openings (its proposed model, its sealed update) is
/// answered only after the asker has given up; a later request gets the answer. Members that checked its proposal
/// without the model must not have ruled it out for good.
/// </summary>
sealed class LateBlobs : Adversary
{
    /// <summary>Longer than any asker waits (see <see cref="Services.LinkOpeningSource.Timeout"/>).</summary>
    static readonly TimeSpan Lateness = TimeSpan.FromSeconds(4);

    readonly HashSet<string> _answered = [];

    public override AttackKind Kind => AttackKind.LateBlob;

    protected internal override async Task<byte[]?> Answer(byte[] request, Func<byte[], Task<byte[]?>> honest)
    {
        string what;
        try
        {
            var envelope = FederationMessage.Decode(request);
            what = envelope.Kind == FederationRequest.BlobKind ? Cid.FromBytes(envelope.Payload).ToString() : $"opening {envelope.Sender} {Convert.ToHexString(envelope.Payload)}";
        }
        catch (Exception e) when (e is InvalidDataException or FormatException) { return await honest(request); }
        bool first;
        lock (_answered) first = _answered.Add(what);
        if (first)
        {
            Act();
            await Task.Delay(Lateness);
        }
        return await honest(request);
    }
}
