using EnterpriseDocs.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace EnterpriseDocs.Hubs;

/// <summary>
/// Real-time collaboration hub at /hubs/documents. Clients join a document's group, edits are
/// broadcast to the group as DocumentEdited {docId, delta, serverTime (epoch ms), replica}.
/// With the Redis backplane on, groups span every replica.
/// </summary>
[Authorize]
public sealed class DocumentsHub(ApiSettings settings) : Hub
{
    /// <summary>Name of the client method that receives edits.</summary>
    public const string EditedEvent = "DocumentEdited";

    /// <summary>Adds the caller to the document's group.</summary>
    public async Task<string> JoinDocument(object? docId)
    {
        string id = PayloadNormalizer.ToId(docId);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(id));
        return id;
    }

    /// <summary>Removes the caller from the document's group.</summary>
    public Task LeaveDocument(object? docId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(PayloadNormalizer.ToId(docId)));

    /// <summary>Broadcasts an edit to every member of the document's group, the sender included.</summary>
    public Task EditDocument(object? docId, object? delta)
    {
        string id = PayloadNormalizer.ToId(docId);
        var edit = new Dictionary<string, object?>
        {
            ["docId"] = id,
            ["delta"] = PayloadNormalizer.ToPlain(delta),
            ["serverTime"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["replica"] = settings.ReplicaName,
        };
        return Clients.Group(GroupName(id)).SendAsync(EditedEvent, edit);
    }

    /// <summary>Returns the payload unchanged (round-trip latency probe).</summary>
    public object? Echo(object? payload) => PayloadNormalizer.ToPlain(payload);

    private static string GroupName(string docId) => "doc:" + docId;
}
