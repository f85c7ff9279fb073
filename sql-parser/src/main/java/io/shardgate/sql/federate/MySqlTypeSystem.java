package io.shardgate.sql.federate;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Result types as MySQL gives them where Calcite's defaults differ: DECIMAL up to 65 digits,
 * SUM of integers and decimals exact (DECIMAL, never an overflowing INTEGER), AVG with four more
 * decimals than its argument ({@code AVG(int)} is 2.5000, as MySQL's div_precision_increment
 * makes it).
 */
final class MySqlTypeSystem extends RelDataTypeSystemImpl {

    static final MySqlTypeSystem INSTANCE = new MySqlTypeSystem();

    private static final int MAX_PRECISION = 65;
    private static final int MAX_SCALE = 30;

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_PRECISION : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_SCALE : super.getMaxScale(typeName);
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory factory, RelDataType argument) {
        if (SqlTypeUtil.isExactNumeric(argument)) {
            int scale = SqlTypeUtil.isDecimal(argument) ? argument.getScale() : 0;
            return factory.createTypeWithNullability(
                    factory.createSqlType(SqlTypeName.DECIMAL, MAX_PRECISION, scale), argument.isNullable());
        }
        return super.deriveSumType(factory, argument);
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory factory, RelDataType argument) {
        if (SqlTypeUtil.isExactNumeric(argument)) {
            int scale = SqlTypeUtil.isDecimal(argument) ? argument.getScale() : 0;
            return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.DECIMAL, MAX_PRECISION,
                    Math.min(MAX_SCALE, scale + 4)), argument.isNullable());
        }
        return super.deriveAvgAggType(factory, argument);
    }
}
