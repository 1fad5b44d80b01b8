using System.Text.Json;

namespace EnterpriseDocs.Hubs;

/// <summary>
/// Turns an argument decoded by either hub protocol (JsonElement from JSON, dictionaries and arrays
/// from MessagePack) into plain strings, numbers, booleans, lists and string-keyed dictionaries, so a
/// broadcast can be serialized for group members that use the other protocol.
/// </summary>
public static class PayloadNormalizer
{
    /// <summary>The plain form of <paramref name="value"/>.</summary>
    public static object? ToPlain(object? value) => value switch
    {
        null => null,
        JsonElement element => FromJson(element),
        string or bool or double or float or decimal => value,
        byte or sbyte or short or ushort or int or uint or long => Convert.ToInt64(value),
        ulong big => big,
        byte[] bytes => Convert.ToBase64String(bytes),
        IDictionary<object, object?> map => map.ToDictionary(pair => Convert.ToString(pair.Key) ?? "", pair => ToPlain(pair.Value)),
        IDictionary<string, object?> map => map.ToDictionary(pair => pair.Key, pair => ToPlain(pair.Value)),
        System.Collections.IEnumerable list => list.Cast<object?>().Select(ToPlain).ToList(),
        _ => value.ToString(),
    };

    /// <summary>A document or group id given as a string or a number, as a string.</summary>
    public static string ToId(object? value) => ToPlain(value) switch
    {
        null => "",
        string s => s,
        double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out long whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
