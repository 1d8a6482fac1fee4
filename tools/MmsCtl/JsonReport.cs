using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// The one JSON object a command prints with <c>--json</c>. Members keep the order they were added in;
/// values are strings, numbers, booleans, null, nested reports or lists of nested reports.
/// </summary>
public sealed class JsonReport
{
    private readonly List<KeyValuePair<string, object>> _members = new();

    /// <summary>Adds or replaces a member.</summary>
    public JsonReport Set(string name, object value)
    {
        int index = _members.FindIndex(member => member.Key == name);
        KeyValuePair<string, object> entry = new(name, value);
        if (index >= 0)
        {
            _members[index] = entry;
        }
        else
        {
            _members.Add(entry);
        }

        return this;
    }

    /// <summary>Appends (or replaces) every member of <paramref name="other"/>, in its order.</summary>
    public JsonReport SetAll(JsonReport other)
    {
        foreach (KeyValuePair<string, object> member in other._members)
        {
            Set(member.Key, member.Value);
        }

        return this;
    }

    /// <summary>Writes reports as one line of JSON: an array of objects.</summary>
    public static string ToJsonArray(IEnumerable<JsonReport> reports)
    {
        using MemoryStream stream = new();
        using (Utf8JsonWriter writer = new(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteValue(writer, reports);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the object as one line of JSON.</summary>
    public string ToJson()
    {
        using MemoryStream stream = new();
        using (Utf8JsonWriter writer = new(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (KeyValuePair<string, object> member in _members)
        {
            writer.WritePropertyName(member.Key);
            WriteValue(writer, member.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(Math.Round(number, 3));
                break;
            case JsonReport nested:
                nested.Write(writer);
                break;
            case IEnumerable<JsonReport> list:
                writer.WriteStartArray();
                foreach (JsonReport item in list)
                {
                    item.Write(writer);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException("unsupported JSON value " + value.GetType().Name, nameof(value));
        }
    }
}
