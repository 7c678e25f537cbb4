package org.ikescope.analyzer.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A UDP port given on the command line: 1 to 65535 (port 0 is not a port a peer sends from). */
final class PortConverter implements ITypeConverter<Integer> {
    static final int MAX_PORT = 65_535;

    @Override
    public Integer convert(String value) {
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(value + " (expected: a UDP port, 1.." + MAX_PORT + ")");
        }
        if (port < 1 || port > MAX_PORT) {
            throw new TypeConversionException(value + " (expected: a UDP port, 1.." + MAX_PORT + ")");
        }
        return port;
    }
}
