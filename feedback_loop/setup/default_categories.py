"""The category tree seeded on install, from the seed documents' problem types.

(English name, Chinese name, English keywords, Chinese keywords, children)
"""

ROOT = ("All Feedback Categories", "全部反馈类别")

TREE = [
	(
		"Product Quality",
		"产品功能与质量",
		"",
		"",
		[
			(
				"Product Defect",
				"产品缺陷",
				"defect, broken, faulty, stopped working, poor quality",
				"坏了, 故障, 质量差, 不能用, 失灵, 有瑕疵",
			),
			(
				"Missing Feature",
				"功能缺失",
				"missing feature, does not support, wish it had",
				"没有这个功能, 不支持, 缺少, 希望增加",
			),
			(
				"Performance",
				"性能问题",
				"slow, lag, crash, freezes, battery",
				"卡顿, 反应慢, 闪退, 死机, 耗电",
			),
			(
				"Safety Hazard",
				"安全隐患",
				"unsafe, fire, burn, injury, smoke, shock",
				"安全, 着火, 烫伤, 冒烟, 漏电, 受伤",
			),
		],
	),
	(
		"Service Quality",
		"服务质量",
		"",
		"",
		[
			(
				"Staff Attitude",
				"服务态度",
				"rude, impolite, attitude, unfriendly",
				"态度差, 态度极差, 不耐烦, 不礼貌, 服务差",
			),
			(
				"Response Speed",
				"响应速度",
				"no response, no reply, waiting, on hold",
				"没人回复, 不回复, 等了很久, 回复慢",
			),
			(
				"Professional Competence",
				"专业能力",
				"wrong answer, did not know, unprofessional",
				"不专业, 答非所问, 解决不了",
			),
		],
	),
	(
		"Price",
		"价格",
		"",
		"",
		[
			("Pricing", "定价", "expensive, overpriced, price, too costly", "太贵, 价格高, 性价比低, 涨价"),
			(
				"Billing and Refund",
				"账单与退款",
				"refund, charged twice, overcharged, invoice, bill",
				"退款, 扣费, 多收, 发票, 账单",
			),
		],
	),
	(
		"Logistics and Delivery",
		"物流配送",
		"",
		"",
		[
			(
				"Late Delivery",
				"配送延迟",
				"late, delayed, not arrived, late again, slow delivery",
				"送得慢, 没到, 延迟, 等了三天, 物流慢",
			),
			(
				"Damaged in Transit",
				"运输破损",
				"damaged box, crushed, broken on arrival",
				"破损, 压坏, 包装坏了, 碎了",
			),
			(
				"Wrong or Missing Items",
				"错发漏发",
				"wrong item, missing item, incomplete order",
				"发错, 少发, 漏发, 缺件",
			),
		],
	),
	(
		"UI and Interaction",
		"界面与交互",
		"",
		"",
		[
			(
				"Usability",
				"易用性",
				"confusing, hard to use, cannot find",
				"不好用, 操作复杂, 找不到, 不方便",
			),
			("Visual Design", "界面设计", "ugly, layout, font too small", "界面难看, 排版, 字太小"),
			(
				"Software Error",
				"程序错误",
				"error, bug, cannot open, error message",
				"报错, 错误, 打不开, 系统出错",
			),
		],
	),
	(
		"After-sales",
		"售后服务",
		"",
		"",
		[
			("Returns and Exchanges", "退换货", "return, exchange, replacement", "退货, 换货, 退换"),
			("Repair and Warranty", "维修与保修", "repair, warranty, fix", "维修, 保修, 返修"),
			("Installation", "安装调试", "installation, install, setup", "安装, 调试, 上门"),
		],
	),
	("Other", "其他", "", "", []),
]


#: Categories whose feedback is suggested as a safety or legal risk.
SAFETY_CATEGORIES = ("Safety Hazard",)
