using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ZkPot.Grains;
using ZkPot.Grains.Federation;

namespace ZkPot.Member;

/// <summary>
/// The two operations a member offers the federation, on its mutual-TLS listener: take a frame (a claim or a signed
/// federation message) and answer a signed request (an opening sealed to the requester, or a blob). The sender is the
/// member whose pinned certificate the TLS peer presented, never a name in the body; the task is the one the bytes
/// name (both encodings start with the task id). Everything else is the door grain's: it checks every signature.
/// </summary>
public static class FederationEndpoints
{
    /// <summary>The largest frame or request taken (a block proposal with its claims fits well within it).</summary>
    public const int MaxBody = 16 << 20;

    /// <summary>
    /// What one member's requests may hold at this door at once (their bodies, each counted as at least
    /// <see cref="MinCharge"/>), from the moment they are read until the door grain is done with them; beyond it, 503.
    /// Without it a member could park thousands of 16 MiB bodies here.
    /// </summary>
    public const long MaxBytesInFlightPerMember = 64 << 20;

    /// <summary>What a request costs against <see cref="MaxBytesInFlightPerMember"/> however small its body.</summary>
    public const int MinCharge = 4096;

    public static void Map(WebApplication app, FederationDirectory directory, Func<IMemberGrain, IFederationPeer> doorOf)
    {
        var inFlight = new ConcurrentDictionary<string, StrongBox<long>>(StringComparer.Ordinal);
        app.MapPost(HttpsFederationLink.FramesPath, async (HttpContext http, IGrainFactory grains) =>
        {
            if (directory.OwnerOf(http.Connection.ClientCertificate) is not { } from) return Results.StatusCode(StatusCodes.Status403Forbidden);
            return await WithBody(http, inFlight, from, 1 + 32, async frame =>
            {
                await doorOf(grains.GetGrain<IMemberGrain>(Convert.ToHexStringLower(frame.AsSpan(1, 32)))).Deliver(frame, from);
                return Results.Accepted();
            });
        });
        app.MapPost(HttpsFederationLink.RequestsPath, async (HttpContext http, IGrainFactory grains) =>
        {
            if (directory.OwnerOf(http.Connection.ClientCertificate) is not { } from) return Results.StatusCode(StatusCodes.Status403Forbidden);
            return await WithBody(http, inFlight, from, 32, async request =>
            {
                var answer = await doorOf(grains.GetGrain<IMemberGrain>(Convert.ToHexStringLower(request.AsSpan(0, 32)))).Answer(request);
                return answer is null ? Results.NotFound() : Results.Bytes(answer, "application/octet-stream");
            });
        });
    }

    /// <summary>
    /// Reads the body within its sender's share of the door's memory (reserved from the Content-Length before a byte is
    /// read: a body without one is refused) and hands it on; the share comes back when <paramref name="handle"/> is done.
    /// </summary>
    static async Task<IResult> WithBody(HttpContext http, ConcurrentDictionary<string, StrongBox<long>> inFlight, string from, int minimum,
                                        Func<byte[], Task<IResult>> handle)
    {
        if (http.Request.ContentLength is not { } length) return Results.StatusCode(StatusCodes.Status411LengthRequired);
        if (length > MaxBody) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (length < minimum) return Results.BadRequest();
        long charge = Math.Max(length, MinCharge);
        var share = inFlight.GetOrAdd(from, _ => new StrongBox<long>());
        try
        {
            if (Interlocked.Add(ref share.Value, charge) > MaxBytesInFlightPerMember) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            var body = new byte[length];
            await http.Request.Body.ReadExactlyAsync(body, http.RequestAborted);
            return await handle(body);
        }
        catch (EndOfStreamException) { return Results.BadRequest(); }
        finally { Interlocked.Add(ref share.Value, -charge); }
    }
}
