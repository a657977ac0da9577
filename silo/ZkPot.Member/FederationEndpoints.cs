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

    public static void Map(WebApplication app, FederationDirectory directory, Func<IMemberGrain, IFederationPeer> doorOf)
    {
        app.MapPost(HttpsFederationLink.FramesPath, async (HttpContext http, IGrainFactory grains) =>
        {
            if (directory.OwnerOf(http.Connection.ClientCertificate) is not { } from) return Results.StatusCode(StatusCodes.Status403Forbidden);
            var frame = await Body(http);
            if (frame is null || frame.Length < 1 + 32) return Results.BadRequest();
            await doorOf(grains.GetGrain<IMemberGrain>(Convert.ToHexStringLower(frame.AsSpan(1, 32)))).Deliver(frame, from);
            return Results.Accepted();
        });
        app.MapPost(HttpsFederationLink.RequestsPath, async (HttpContext http, IGrainFactory grains) =>
        {
            if (directory.OwnerOf(http.Connection.ClientCertificate) is null) return Results.StatusCode(StatusCodes.Status403Forbidden);
            var request = await Body(http);
            if (request is null || request.Length < 32) return Results.BadRequest();
            var answer = await doorOf(grains.GetGrain<IMemberGrain>(Convert.ToHexStringLower(request.AsSpan(0, 32)))).Answer(request);
            return answer is null ? Results.NotFound() : Results.Bytes(answer, "application/octet-stream");
        });
    }

    static async Task<byte[]?> Body(HttpContext http)
    {
        if (http.Request.ContentLength is > MaxBody) return null;
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.Length > MaxBody ? null : buffer.ToArray();
    }
}
