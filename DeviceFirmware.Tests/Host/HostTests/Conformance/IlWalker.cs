using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace DeviceFirmware.Tests.Host.Conformance;

/// <summary>One instruction of interest in a method body.</summary>
internal readonly struct IlInstruction
{
    public IlInstruction(int offset, string opCode, OperandType operandType, int token)
    {
        Offset = offset;
        OpCode = opCode;
        OperandType = operandType;
        Token = token;
    }

    public int Offset { get; }

    /// <summary>Mnemonic, e.g. <c>call</c>, <c>localloc</c>.</summary>
    public string OpCode { get; }

    public OperandType OperandType { get; }

    /// <summary>Metadata token operand (0 when the instruction has none).</summary>
    public int Token { get; }
}

/// <summary>
/// Walks the IL of a method body and yields every instruction with its metadata token, so the checker
/// sees each type, method, field, signature and string the code uses. Opcode operand sizes come from
/// <see cref="OpCodes"/>, so every ECMA-335 instruction is decoded and the walk never loses sync.
/// </summary>
internal static class IlWalker
{
    private static readonly Dictionary<ushort, OpCode> OpCodesByValue = BuildTable();

    public static IEnumerable<IlInstruction> Walk(MethodBodyBlock body)
    {
        BlobReader il = body.GetILReader();
        var result = new List<IlInstruction>();
        while (il.RemainingBytes > 0)
        {
            int offset = il.Offset;
            ushort value = il.ReadByte();
            if (value == 0xFE)
            {
                value = (ushort)(0xFE00 | il.ReadByte());
            }

            if (!OpCodesByValue.TryGetValue(value, out OpCode opCode))
            {
                throw new BadImageFormatException($"unknown IL opcode 0x{value:X} at IL_{offset:X4}");
            }

            int token = 0;
            switch (opCode.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineBrTarget:
                case OperandType.InlineI:
                case OperandType.ShortInlineR:
                    il.Offset += 4;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    int count = il.ReadInt32();
                    il.Offset += 4 * count;
                    break;
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineSig:
                case OperandType.InlineString:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    token = il.ReadInt32();
                    break;
                default:
                    throw new BadImageFormatException($"unexpected operand type {opCode.OperandType} at IL_{offset:X4}");
            }

            result.Add(new IlInstruction(offset, opCode.Name, opCode.OperandType, token));
        }

        return result;
    }

    private static Dictionary<ushort, OpCode> BuildTable()
    {
        var table = new Dictionary<ushort, OpCode>();
        foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is OpCode opCode)
            {
                table[unchecked((ushort)opCode.Value)] = opCode;
            }
        }

        return table;
    }
}
