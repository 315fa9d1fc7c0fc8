package cn.huren.server.claim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * APP-15's roaming regions (漫游区域): the mainland provinces (GB/T 2260 codes) where the enterprise's certificate is
 * to be usable besides the province platform that issues it.
 */
public final class Regions {

    /** Code → Chinese name, in the order of GB/T 2260. */
    public static final Map<String, String> PROVINCES = provinces();

    private Regions() {
    }

    public static List<String> codes() {
        return List.copyOf(PROVINCES.keySet());
    }

    private static Map<String, String> provinces() {
        String[] pairs = {"11", "北京", "12", "天津", "13", "河北", "14", "山西", "15", "内蒙古", "21", "辽宁", "22", "吉林", "23", "黑龙江",
                "31", "上海", "32", "江苏", "33", "浙江", "34", "安徽", "35", "福建", "36", "江西", "37", "山东", "41", "河南", "42", "湖北",
                "43", "湖南", "44", "广东", "45", "广西", "46", "海南", "50", "重庆", "51", "四川", "52", "贵州", "53", "云南", "54", "西藏",
                "61", "陕西", "62", "甘肃", "63", "青海", "64", "宁夏", "65", "新疆"};
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
