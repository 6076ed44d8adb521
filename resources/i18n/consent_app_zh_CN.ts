<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="83"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="83"/>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="83"/>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="84"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="84"/>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="84"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="107"/>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="108"/>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="109"/>
        <source>staff, action, subject or consent id…</source>
        <translation>工作人员、操作、对象或同意书编号…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="110"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="111"/>
        <source>&amp;Verify the chain</source>
        <translation>校验哈希链(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="122"/>
        <source>Loading the audit trail…</source>
        <translation>正在加载审计日志…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="145"/>
        <source>Checking every entry of the audit trail…</source>
        <translation>正在校验审计日志的每一条记录…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="154"/>
        <source>The audit trail is intact: {count} entries, each linked to the one before it.</source>
        <translation>审计日志完整：共 {count} 条记录，每条都与前一条相链接。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_view.py" line="160"/>
        <source>The audit trail is broken at entry {seq}: {reason}</source>
        <translation>审计日志在第 {seq} 条处断裂：{reason}</translation>
    </message>
</context>
<context>
    <name>CaptureWizard</name>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="146"/>
        <source>Subject</source>
        <extracomment>A step&apos;s page shown, the next one is made this much later (while the staff work on this one), so that moving on shows a page that exists (making one holds the GUI thread 10-25 ms). The wizard&apos;s own pages (the subject signs in the kiosk).</extracomment>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="146"/>
        <source>ID document</source>
        <translation>身份证件</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="146"/>
        <source>Live face</source>
        <translation>现场人脸</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="147"/>
        <source>Voice</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="147"/>
        <source>Consent form</source>
        <translation>同意书</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="147"/>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="148"/>
        <source>Countersign</source>
        <translation>会签</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="148"/>
        <source>Receipt</source>
        <translation>回执</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="149"/>
        <source>Cancel session</source>
        <translation>取消本次采集</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="150"/>
        <source>Cancel this capture session? No consent is recorded either way.</source>
        <translation>取消本次采集？无论哪种方式都不会记录同意。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="151"/>
        <source>&amp;Keep captures as an incomplete session</source>
        <translation>保留采集内容，记为未完成的采集(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="152"/>
        <source>&amp;Discard everything</source>
        <translation>全部丢弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="153"/>
        <source>&amp;Continue the session</source>
        <translation>继续采集(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="154"/>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="155"/>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="257"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/wizard.py" line="374"/>
        <source>Ending the session…</source>
        <translation>正在结束采集…</translation>
    </message>
</context>
<context>
    <name>ComplaintsView</name>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="62"/>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="62"/>
        <source>Claim</source>
        <translation>投诉事由</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="62"/>
        <source>From</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="63"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="63"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="71"/>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="71"/>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="71"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="132"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="133"/>
        <source>&amp;New complaint…</source>
        <translation>新建投诉(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="135"/>
        <source>No complaints</source>
        <translation>暂无投诉</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="136"/>
        <source>Complaints taken down by staff or imported from the web form or mailbox appear here.</source>
        <translation>由工作人员登记或从网页表单、邮箱导入的投诉会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="137"/>
        <source>New complaint…</source>
        <translation>新建投诉…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="138"/>
        <source>&amp;Confirm link</source>
        <translation>确认关联(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="139"/>
        <source>Re&amp;ject link</source>
        <translation>驳回关联(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="140"/>
        <source>Note for this step (required)</source>
        <translation>本步骤的说明（必填）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="141"/>
        <source>Record &amp;step</source>
        <translation>记录步骤(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="142"/>
        <source>Refutation &amp;statement…</source>
        <translation>辟谣声明(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="143"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="144"/>
        <source>&amp;Take action</source>
        <translation>采取措施(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="172"/>
        <source>{due} — OVERDUE</source>
        <translation>{due} — 已逾期</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="175"/>
        <source>{n} overdue</source>
        <translation>{n} 件逾期</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="188"/>
        <source>Select a complaint to see its trail.</source>
        <translation>选择一件投诉以查看其处理记录。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="196"/>
        <source> [concurrent: another branch decided]</source>
        <translation> [并发：以另一分支为准]</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="201"/>
        <source>{claim} — from {who} ({contact})
Signatures: {verified}
Attachments: {media}; URL: {url}
Trail: {trail}
Actions: {actions}</source>
        <translation>{claim} — 投诉人：{who}（{contact}）
签名：{verified}
附件：{media}；网址：{url}
处理记录：{trail}
采取的措施：{actions}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="204"/>
        <source>personal data erased with the subject</source>
        <translation>个人数据已随当事人一并删除</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="205"/>
        <source>personal data waiting for the subject&apos;s key</source>
        <translation>个人数据正在等待当事人的密钥</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="206"/>
        <source>verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="215"/>
        <source>Withdraw consent {id}</source>
        <translation>撤回同意 {id}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="218"/>
        <source>Revoke token {id}</source>
        <translation>吊销凭证 {id}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="220"/>
        <source>Revoke tool {id}</source>
        <translation>吊销工具 {id}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="236"/>
        <source>Tracing the attachments and registering the complaint…</source>
        <translation>正在追溯附件并登记投诉…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="240"/>
        <source>Complaint registered; the trace proposed {n} link(s) to confirm.</source>
        <translation>投诉已登记；追溯提出了 {n} 个待确认的关联。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="255"/>
        <source>Select a link first.</source>
        <translation>请先选择一个关联。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="270"/>
        <source>Recorded: {state} (signed event {seq}).</source>
        <translation>已记录：{state}（签名事件 {seq}）。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="295"/>
        <source>Done: {what} {target}, recorded on the complaint.</source>
        <translation>已完成：{what} {target}，已记录在该投诉中。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="304"/>
        <source>Save the refutation statement</source>
        <translation>保存辟谣声明</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="305"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF（*.pdf）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="311"/>
        <source>Tracing again and signing the statement…</source>
        <translation>正在重新追溯并签署声明…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaints_view.py" line="314"/>
        <source>Statement written: this media is {verdict}.</source>
        <translation>声明已写入：该媒体{verdict}。</translation>
    </message>
</context>
<context>
    <name>ConsentFormStep</name>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="64"/>
        <source>Consent form</source>
        <translation>同意书</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="65"/>
        <source>Fill in what the consent covers. The subject then chooses each edit category on the subject screen, reads the terms and signs.</source>
        <translation>请填写同意的范围。之后由当事人在当事人屏幕上逐项选择编辑类别、阅读条款并签名。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="67"/>
        <source>&amp;Project:</source>
        <translation>项目(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="67"/>
        <source>P&amp;urpose:</source>
        <translation>用途(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="67"/>
        <source>Valid &amp;from:</source>
        <translation>生效日期(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="68"/>
        <source>Valid &amp;until:</source>
        <translation>有效期至(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="69"/>
        <source>&amp;Territory (comma-separated):</source>
        <translation>使用地域（以逗号分隔）(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="69"/>
        <source>&amp;Channels or media:</source>
        <translation>渠道或媒介(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="70"/>
        <source>Pro&amp;hibited uses:</source>
        <translation>禁止的用途(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="70"/>
        <source>&amp;Marking on outputs:</source>
        <translation>输出内容的标识(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="71"/>
        <source>&amp;Keep biometric samples for (days):</source>
        <translation>生物特征样本保留天数(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="71"/>
        <source>How to &amp;withdraw (contact):</source>
        <translation>撤回方式（联系方式）(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="74"/>
        <source>e.g. Feature film “Blue River”</source>
        <translation>例如：故事片《蓝河》</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="75"/>
        <source>e.g. de-ageing in flashback scenes</source>
        <translation>例如：回忆场景中的减龄处理</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="76"/>
        <source>e.g. consent@studio.example, +86 10 1234 5678</source>
        <translation>例如：consent@studio.example，+86 10 1234 5678</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="77"/>
        <source>&amp;Hand the screen to the subject</source>
        <translation>将屏幕交给当事人(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_consent_form.py" line="91"/>
        <source>{category}: not available ({reason})</source>
        <translation>{category}：不可选（{reason}）</translation>
    </message>
</context>
<context>
    <name>CountersignStep</name>
    <message>
        <location filename="../../consent_app/ui/capture/step_countersign.py" line="39"/>
        <source>Staff countersignature</source>
        <translation>工作人员会签</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_countersign.py" line="40"/>
        <source>The subject has signed. Check the summary and countersign: the consent is then signed with the studio&apos;s key and recorded.</source>
        <translation>当事人已签名。请核对摘要并会签：随后同意书将以工作室密钥签署并记录。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_countersign.py" line="42"/>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_countersign.py" line="43"/>
        <source>Countersign and &amp;record the consent</source>
        <translation>会签并记录同意书(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_countersign.py" line="58"/>
        <source>{name} consents to: {categories}.
Project: {project}. Valid until {until}. Signed by {signer}.</source>
        <translation>{name} 同意：{categories}。
项目：{project}。有效期至 {until}。签名人：{signer}。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_countersign.py" line="66"/>
        <source>⚠ Identity check overridden by administrator {admin}: {reason}</source>
        <translation>⚠ 身份核验已由管理员 {admin} 批准例外：{reason}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_countersign.py" line="87"/>
        <source>Signing and recording the consent…</source>
        <translation>正在签署并记录同意书…</translation>
    </message>
</context>
<context>
    <name>DemoBadge</name>
    <message>
        <location filename="../../consent_app/ui/common.py" line="305"/>
        <source>DEMO</source>
        <extracomment>Work taking longer than this shows a progress indicator.</extracomment>
        <translation>演示 DEMO</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/common.py" line="306"/>
        <source>Demo database: nothing recorded here is a real consent</source>
        <translation>演示数据库：此处记录的内容均不是真实的同意</translation>
    </message>
</context>
<context>
    <name>DeviceBar</name>
    <message>
        <location filename="../../consent_app/ui/capture/device_bar.py" line="51"/>
        <source>Ca&amp;mera:</source>
        <translation>摄像头(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/device_bar.py" line="52"/>
        <source>Settings › Devices…</source>
        <translation>设置 › 设备…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/device_bar.py" line="53"/>
        <source>No camera found. Connect a camera (then choose it here), or open Settings › Devices.</source>
        <translation>未找到摄像头。请连接摄像头（然后在此选择），或打开“设置 › 设备”。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/device_bar.py" line="73"/>
        <source>File: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/device_bar.py" line="94"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/device_bar.py" line="96"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>DevicesTab</name>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="62"/>
        <source>&amp;Camera:</source>
        <translation>摄像头(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="63"/>
        <source>&amp;Microphone:</source>
        <translation>麦克风(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="64"/>
        <source>Use a video or &amp;photo file…</source>
        <translation>使用视频或照片文件(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="65"/>
        <source>Use &amp;audio files…</source>
        <translation>使用音频文件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="66"/>
        <source>&amp;Look for devices again</source>
        <translation>重新查找设备(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="68"/>
        <source>DEMO studio: files stand in for a camera or microphone, and every capture made from a file says so in its record.</source>
        <translation>演示工作室：文件可代替摄像头或麦克风，由文件采集的内容都会在记录中注明。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="70"/>
        <source>Captures come from a real camera and microphone: files stand in for them only in a demo studio.</source>
        <translation>采集必须来自真实的摄像头和麦克风：只有演示工作室可以用文件代替。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="93"/>
        <source>File: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="97"/>
        <source>No camera found</source>
        <translation>未找到摄像头</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="103"/>
        <source>Files: {count} clips</source>
        <translation>文件：{count} 段录音</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="105"/>
        <source>System default microphone</source>
        <translation>系统默认麦克风</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="127"/>
        <source>Choose a video or photo</source>
        <translation>选择视频或照片</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="128"/>
        <source>Video or image (*.mp4 *.avi *.mov *.mkv *.jpg *.jpeg *.png)</source>
        <translation>视频或图片 (*.mp4 *.avi *.mov *.mkv *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="135"/>
        <source>Choose audio clips</source>
        <translation>选择音频片段</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_devices.py" line="136"/>
        <source>Audio (*.wav *.flac)</source>
        <translation>音频 (*.wav *.flac)</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="103"/>
        <source>Surname</source>
        <translation>姓</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="103"/>
        <source>Given names</source>
        <translation>名</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="104"/>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="104"/>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="105"/>
        <source>Date of expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="105"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="106"/>
        <source>Nationality</source>
        <translation>国籍</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="106"/>
        <source>Issuing state</source>
        <translation>签发国</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="107"/>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="110"/>
        <source>&amp;Save corrections</source>
        <translation>保存更正(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="111"/>
        <source>Resident ID &amp;number:</source>
        <translation>居民身份证号码(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="112"/>
        <source>Check the number</source>
        <translation>核对号码</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="113"/>
        <source>Name typed by staff</source>
        <translation>工作人员输入的姓名</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="114"/>
        <source>Name on the document</source>
        <translation>证件上的姓名</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="115"/>
        <source>Confirm the portrait (largest face)</source>
        <translation>确认证件照片（最大的人脸）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="116"/>
        <source>Use the name on the document</source>
        <translation>使用证件上的姓名</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="117"/>
        <source>Administrator:</source>
        <translation>管理员：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="117"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="118"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="120"/>
        <source>Accept the expired document</source>
        <translation>接受过期证件</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="179"/>
        <source>No document data read yet.</source>
        <translation>尚未读取证件信息。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="180"/>
        <source>No machine-readable zone was read: type the resident ID number, or check the document by hand.</source>
        <translation>未读取到机读区：请输入居民身份证号码，或人工核对证件。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="183"/>
        <source>Resident ID number: check character correct (this catches typing errors, not forgeries).</source>
        <translation>居民身份证号码：校验码正确（只能发现输入错误，不能识别伪造）。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="186"/>
        <source>Read from the machine-readable zone ({format}): all check digits correct (they catch reading errors, not forgeries). Correct any field below; corrections are kept as evidence.</source>
        <translation>从机读区（{format}）读取：所有校验位正确（只能发现识读错误，不能识别伪造）。可在下方更正任何字段；更正记录将作为证据保存。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/document_panel.py" line="203"/>
        <source>{faces} faces on the document: the largest, at x {x}–{x2}, y {y}–{y2}, is taken as the holder&apos;s portrait.</source>
        <translation>证件上有 {faces} 张人脸：取最大的一张（x {x}–{x2}，y {y}–{y2}）作为持证人照片。</translation>
    </message>
</context>
<context>
    <name>DutiesView</name>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="41"/>
        <source>Duty</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="41"/>
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="41"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="42"/>
        <source>Due now</source>
        <translation>现已到期</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="67"/>
        <source>Publish the status list</source>
        <translation>发布状态列表</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="67"/>
        <source>Signed checkpoint</source>
        <translation>签名检查点</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="68"/>
        <source>Encrypted backup</source>
        <translation>加密备份</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="68"/>
        <source>Retention sweep</source>
        <translation>保存期清理</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="69"/>
        <source>Complaint deadlines</source>
        <translation>投诉期限</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="72"/>
        <source>Duties</source>
        <translation>定期任务</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="73"/>
        <source>&amp;Run due duties now</source>
        <translation>立即运行到期任务(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="74"/>
        <source>Status list &amp;folder…</source>
        <translation>状态列表文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="75"/>
        <source>&amp;Backup folder…</source>
        <translation>备份文件夹(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="98"/>
        <source>No status list has been published by a duty run yet: verifiers will refuse tokens once the last list they have expires.</source>
        <translation>尚未通过定期任务发布状态列表：验证方手中的最后一份列表过期后，将拒绝所有凭证。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="101"/>
        <source>The published status list EXPIRED at {until}: run the duties now.</source>
        <translation>已发布的状态列表已于 {until} 过期：请立即运行定期任务。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="104"/>
        <source>The published status list expires in {hours} h ({until}): run the duties now.</source>
        <translation>已发布的状态列表将在 {hours} 小时后（{until}）过期：请立即运行定期任务。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="107"/>
        <source>The published status list is valid until {until} ({hours} h).</source>
        <translation>已发布的状态列表有效期至 {until}（{hours} 小时）。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="113"/>
        <source>Status list folder: {status}; backup folder: {backup}</source>
        <translation>状态列表文件夹：{status}；备份文件夹：{backup}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="114"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="119"/>
        <source>never</source>
        <translation>从未运行</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="124"/>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="124"/>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="126"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="132"/>
        <source>Running the due duties…</source>
        <translation>正在运行到期任务…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="139"/>
        <source>{n} duty(ies) done.</source>
        <translation>已完成 {n} 项任务。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/duties_view.py" line="146"/>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>EntryDetails</name>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="205"/>
        <location filename="../../consent_app/ui/audit_details.py" line="256"/>
        <source>Show &amp;recorded data</source>
        <translation>显示原始记录(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="206"/>
        <source>Cop&amp;y recorded data</source>
        <translation>复制原始记录(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="207"/>
        <source>The entry exactly as recorded and hashed in the audit trail</source>
        <translation>该条目在审计日志中原样记录并计算哈希的内容</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="217"/>
        <source>Select an entry to see its details.</source>
        <translation>选择一条记录以查看详情。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="221"/>
        <source>No. {seq}: {action}</source>
        <translation>第 {seq} 条：{action}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="222"/>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="223"/>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="224"/>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="256"/>
        <source>Hide &amp;recorded data</source>
        <translation>隐藏原始记录(&amp;R)</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="221"/>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="222"/>
        <source>Erase biometric data</source>
        <translation>删除生物特征数据</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="223"/>
        <source>Subject {id}. Face and ID photos, voice recordings and their templates are erased for good. The signed consent records, their evidence hashes and the audit trail stay, so the studio can still prove what was agreed and when it ended.</source>
        <translation>对象 {id}。面部照片、证件照片、录音及其模板将被永久删除。已签名的同意记录、证据哈希值和审计记录会保留，以便工作室仍能证明当初同意了什么以及何时终止。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="227"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="228"/>
        <source>&amp;Erase now</source>
        <translation>立即删除(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="229"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="235"/>
        <source>Give the reason for the erasure.</source>
        <translation>请填写删除的原因。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="239"/>
        <source>Erasing…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="242"/>
        <source>Erased {samples} samples and {templates} templates.</source>
        <translation>已删除 {samples} 个样本和 {templates} 个模板。</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="92"/>
        <source>Studio:</source>
        <translation>工作室：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="93"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="94"/>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="95"/>
        <source>Open another data &amp;folder…</source>
        <translation>打开其他数据文件夹(&amp;F)…</translation>
    </message>
</context>
<context>
    <name>IdDocumentStep</name>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="77"/>
        <source>ID document</source>
        <translation>身份证件</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="78"/>
        <source>Photograph the subject&apos;s ID card or passport (the page with the portrait and the machine-readable zone), or import a photo of it. The portrait is compared with the live face; the details are read from the document.</source>
        <translation>拍摄对象的身份证或护照（带照片和机读区的一页），或导入其照片。证件照片将与现场人脸比对；证件信息从证件中读取。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="82"/>
        <source>Take a photo with the &amp;camera</source>
        <translation>用摄像头拍照(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="83"/>
        <source>&amp;Import a photo…</source>
        <translation>导入照片(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="84"/>
        <source>Demo &amp;photos:</source>
        <translation>演示照片(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="85"/>
        <source>&amp;Use this photo</source>
        <translation>使用这张照片(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="87"/>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="105"/>
        <source>No ID document yet</source>
        <translation>尚无身份证件</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="99"/>
        <source>No camera found: import a photo instead.</source>
        <translation>未找到摄像头：请改为导入照片。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="114"/>
        <source>Photo of the ID document</source>
        <translation>身份证件照片</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="115"/>
        <source>Images (*.jpg *.jpeg *.png *.webp *.tif *.tiff)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="128"/>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="141"/>
        <source>Reading the document and finding its portrait…</source>
        <translation>正在读取证件并查找证件照片…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="132"/>
        <source>No camera found: import a photo of the document instead, or connect a camera and choose it in Settings › Devices.</source>
        <translation>未找到摄像头：请改为导入证件照片，或连接摄像头并在“设置 › 设备”中选择。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="183"/>
        <source>Portrait found on the document.</source>
        <translation>已在证件上找到照片。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="184"/>
        <source>{faces} faces on the document: the largest is taken as the portrait; confirm it below.</source>
        <translation>证件上有 {faces} 张人脸：取最大的一张作为证件照片；请在下方确认。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="198"/>
        <source>Portrait usable: large, sharp and evenly lit enough for the face check.</source>
        <translation>证件照可用：尺寸、清晰度和光照均足以进行人脸核验。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="203"/>
        <source>Portrait too small: photograph the document closer.</source>
        <translation>证件照太小：请靠近证件拍摄。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="204"/>
        <source>Portrait too dark: add light, avoid shadows on the document.</source>
        <translation>证件照太暗：请增加光线，避免证件上有阴影。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="205"/>
        <source>Portrait too bright: avoid glare (tilt the document away from the light).</source>
        <translation>证件照过亮：请避免反光（将证件倾斜，避开光源）。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="207"/>
        <source>Portrait blurred: hold the document flat and still, and focus.</source>
        <translation>证件照模糊：请将证件放平、保持不动并对焦。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="210"/>
        <source>The face check may fail: consider another photo.</source>
        <translation>人脸核验可能失败：建议换一张照片。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_id_document.py" line="137"/>
        <source>The camera shows no picture yet.</source>
        <translation>摄像头尚无画面。</translation>
    </message>
</context>
<context>
    <name>IdentityCard</name>
    <message>
        <location filename="../../consent_app/ui/capture/identity_card.py" line="94"/>
        <source>ID document</source>
        <translation>证件</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/identity_card.py" line="95"/>
        <source>Live capture</source>
        <translation>实时采集</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/identity_card.py" line="116"/>
        <source>not captured</source>
        <translation>尚未采集</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/identity_card.py" line="156"/>
        <source>Capture the live face to compare it with the ID</source>
        <translation>请采集实时人脸，与证件比对</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/identity_card.py" line="162"/>
        <source>Match: same person as on the ID</source>
        <translation>相符：与证件上是同一人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/identity_card.py" line="164"/>
        <source>No match: not the person on the ID</source>
        <translation>不相符：不是证件上的人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/identity_card.py" line="167"/>
        <source>Face distance {distance:.3f} (match at or below {threshold:.2f})</source>
        <translation>人脸距离 {distance:.3f}（不超过 {threshold:.2f} 为相符）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/identity_card.py" line="171"/>
        <source>Liveness: run the challenge again (the face was captured again)</source>
        <translation>活体检测：请重新进行挑战（人脸已重新采集）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/identity_card.py" line="172"/>
        <source>Liveness not checked yet</source>
        <translation>尚未进行活体检测</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/identity_card.py" line="175"/>
        <source>Liveness passed, by the captured face</source>
        <translation>活体检测通过，由已采集的人脸完成</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/identity_card.py" line="181"/>
        <source>Liveness failed: {reason}</source>
        <translation>活体检测未通过：{reason}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/identity_card.py" line="185"/>
        <source>Overridden by administrator {admin}: {reason}</source>
        <translation>已由管理员 {admin} 批准例外：{reason}</translation>
    </message>
</context>
<context>
    <name>KeysTab</name>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="47"/>
        <source>Key id</source>
        <translation>密钥编号</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="47"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="47"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="73"/>
        <source>&amp;Export public keys (JWKS)…</source>
        <translation>导出公钥（JWKS）(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="74"/>
        <source>&amp;Rotate the signing key</source>
        <translation>轮换签名密钥(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="75"/>
        <source>The studio signs consent records and tokens with an Ed25519 key kept encrypted in the database. Generation tools check tokens with the exported public keys. After a rotation, tokens signed with older keys keep verifying until they expire.</source>
        <translation>工作室使用加密保存在数据库中的 Ed25519 密钥签署同意记录和令牌。生成工具使用导出的公钥校验令牌。轮换后，用旧密钥签署的令牌在到期前仍可通过校验。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="94"/>
        <source>retired {when}</source>
        <translation>已于 {when} 停用</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="95"/>
        <source>active</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="99"/>
        <source>Export public keys</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="100"/>
        <source>JSON Web Key Set (*.jwks *.json)</source>
        <translation>JSON Web 密钥集 (*.jwks *.json)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="105"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="106"/>
        <source>Wrote {count} public keys to {path}</source>
        <translation>已将 {count} 个公钥写入 {path}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="113"/>
        <source>Press “Rotate the signing key” again to confirm. New records and tokens will be signed with a new key.</source>
        <translation>再次点击“轮换签名密钥”以确认。新的记录和令牌将使用新密钥签署。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="118"/>
        <source>Making a new key…</source>
        <translation>正在生成新密钥…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_keys.py" line="119"/>
        <source>New signing key {kid} is active.</source>
        <translation>新签名密钥 {kid} 已启用。</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="93"/>
        <source>Hello {name}</source>
        <translation>您好，{name}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="94"/>
        <source>On the next screens you decide, one at a time, which edits of your face or voice you allow. Nothing is chosen for you. You then read the terms, see a summary and sign.</source>
        <translation>在接下来的页面中，您将逐项决定允许对您的人脸或声音进行哪些编辑。我们不会替您预先选择任何项目。之后您将阅读条款、查看摘要并签名。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="97"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="99"/>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="102"/>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="111"/>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="121"/>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="103"/>
        <source>&amp;Yes, I allow this</source>
        <translation>是，我允许(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="104"/>
        <source>&amp;No, I do not allow this</source>
        <translation>否，我不允许(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="100"/>
        <source>&amp;Continue</source>
        <translation>继续(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="98"/>
        <source>Not offered in this session</source>
        <translation>本次不提供的项目</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="105"/>
        <source>You did not allow any edit</source>
        <translation>您没有允许任何编辑</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="106"/>
        <source>No consent will be recorded. You can review your choices, or end here and hand the screen back to the staff.</source>
        <translation>将不会记录任何同意。您可以重新查看您的选择，或在此结束并将屏幕交还给工作人员。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="108"/>
        <source>&amp;Review my choices</source>
        <translation>重新查看我的选择(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="109"/>
        <source>&amp;End without consent</source>
        <translation>不同意并结束(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="110"/>
        <source>Please read the terms</source>
        <translation>请阅读条款</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="112"/>
        <source>I have &amp;read the terms</source>
        <translation>我已阅读条款(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="113"/>
        <source>Summary: what you are about to sign</source>
        <translation>摘要：您即将签署的内容</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="114"/>
        <source>&amp;Back to the terms</source>
        <translation>返回条款(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="115"/>
        <source>&amp;Sign</source>
        <translation>签名(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="116"/>
        <source>Your signature</source>
        <translation>您的签名</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="117"/>
        <source>Sign in the box with your finger, a pen or the mouse.</source>
        <translation>请用手指、手写笔或鼠标在框内签名。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="118"/>
        <source>Sign here</source>
        <translation>请在此签名</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="119"/>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="120"/>
        <source>&amp;Undo last stroke</source>
        <translation>撤销上一笔(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="122"/>
        <source>&amp;Confirm my signature</source>
        <translation>确认我的签名(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="123"/>
        <source>Thank you</source>
        <translation>谢谢您</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="123"/>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="124"/>
        <source>Please hand the screen back to the staff.</source>
        <translation>请将屏幕交还给工作人员。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="125"/>
        <source>The staff member continues from here.</source>
        <translation>由工作人员从此处继续。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="127"/>
        <source>Password of {user}:</source>
        <translation>{user} 的密码：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="128"/>
        <source>Staff &amp;password:</source>
        <translation>工作人员密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="130"/>
        <source>C&amp;ontinue</source>
        <translation>继续(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="168"/>
        <source>Your identity check (your face compared with the photo on your ID document) was not completed, so edits of your face are not offered:</source>
        <translation>您的身份核验（将您的人脸与身份证件上的照片比对）未完成，因此不提供以下人脸编辑：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="171"/>
        <source>No recording of your voice was made, so edits of your voice are not offered:</source>
        <translation>没有录制您的声音，因此不提供以下声音编辑：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="173"/>
        <source>Your spoken consent statement was not recorded, so edits of your voice are not offered:</source>
        <translation>没有录制您口述的同意声明，因此不提供以下声音编辑：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="175"/>
        <source>Your spoken consent statement could not be confirmed, so edits of your voice are not offered:</source>
        <translation>无法确认您口述的同意声明，因此不提供以下声音编辑：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="186"/>
        <source>You decide about the other edits on the next screens.</source>
        <translation>其他编辑项目请在接下来的页面中逐项决定。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="234"/>
        <source>One moment…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="269"/>
        <source>Question {n} of {total}</source>
        <translation>第 {n} 题，共 {total} 题</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="383"/>
        <source>Wrong password for {user}. Try again.</source>
        <translation>{user} 的密码错误，请重试。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="311"/>
        <source>You allow:</source>
        <translation>您允许：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="315"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="315"/>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="316"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="317"/>
        <source>Where</source>
        <translation>使用地域</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="318"/>
        <source>Outputs are labelled</source>
        <translation>输出内容的标识</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="319"/>
        <source>Your face and voice samples are kept for</source>
        <translation>您的人脸和声音样本保留</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="320"/>
        <source>{days} days</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="321"/>
        <source>To withdraw at any time, contact</source>
        <translation>如需随时撤回，请联系</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/kiosk.py" line="323"/>
        <source>Never used for</source>
        <translation>绝不用于</translation>
    </message>
</context>
<context>
    <name>LiveFaceStep</name>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="100"/>
        <source>Live face and liveness</source>
        <translation>现场人脸与活体检测</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="101"/>
        <source>The subject looks at the camera. Capture when the box turns green, then run the liveness challenge: the subject follows the prompts on screen.</source>
        <translation>请当事人注视摄像头。框变为绿色时进行采集，然后开始活体检测：当事人按屏幕提示完成动作。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="103"/>
        <source>&amp;Capture the face</source>
        <translation>采集人脸(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="104"/>
        <source>Start the &amp;liveness challenge</source>
        <translation>开始活体检测(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="105"/>
        <source>Guardian&apos;s verification</source>
        <translation>监护人核验</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="106"/>
        <source>Guardian&apos;s ID &amp;document…</source>
        <translation>监护人身份证件(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="107"/>
        <source>Capture the &amp;guardian&apos;s face</source>
        <translation>采集监护人人脸(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="108"/>
        <source>Identity check not passed? An administrator may override with their password</source>
        <translation>身份核验未通过？管理员可凭其密码批准例外</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="110"/>
        <source>DEMO: the camera is a recorded file. A recording can never pass the liveness challenge (nobody follows the prompts), so an administrator overrides it to finish a demo session.</source>
        <translation>演示：摄像头是一段录制的文件。录像永远无法通过活体挑战（没有人按提示做动作），因此需由管理员批准例外才能完成演示会话。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="113"/>
        <source>Rea&amp;son:</source>
        <translation>原因(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="113"/>
        <source>Administrator:</source>
        <translation>管理员：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="114"/>
        <source>Administrator&apos;s &amp;password:</source>
        <translation>管理员密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="116"/>
        <source>Record the &amp;override</source>
        <translation>记录特批(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="117"/>
        <source>why the session may continue (recorded in the audit trail)</source>
        <translation>为何可以继续本次采集（将记入审计日志）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="140"/>
        <source>No camera found</source>
        <translation>未找到摄像头</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="226"/>
        <source>The camera shows no picture yet.</source>
        <translation>摄像头尚无画面。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="233"/>
        <source>Checking the face against the ID document…</source>
        <translation>正在将人脸与身份证件比对…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="267"/>
        <source>Challenge: {steps}</source>
        <translation>检测动作：{steps}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="295"/>
        <source>Guardian&apos;s ID document</source>
        <translation>监护人身份证件</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="296"/>
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="299"/>
        <source>Guardian&apos;s ID document loaded; now capture the guardian&apos;s face.</source>
        <translation>已载入监护人身份证件；请采集监护人人脸。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="305"/>
        <source>Load the guardian&apos;s ID document first, with the guardian in view.</source>
        <translation>请先载入监护人身份证件，并让监护人处于镜头中。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="310"/>
        <source>Checking the guardian against the guardian&apos;s ID…</source>
        <translation>正在将监护人与其身份证件比对…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="339"/>
        <source>Guardian matches their ID (distance {d:.3f}).</source>
        <translation>监护人与其证件一致（距离 {d:.3f}）。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_face.py" line="340"/>
        <source>Guardian does NOT match their ID (distance {d:.3f}).</source>
        <translation>监护人与其证件不一致（距离 {d:.3f}）。</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../consent_app/ui/login_page.py" line="95"/>
        <source>Screen locked — sign in again to continue</source>
        <translation>屏幕已锁定——请重新登录以继续</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/login_page.py" line="96"/>
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/login_page.py" line="97"/>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/login_page.py" line="98"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/login_page.py" line="99"/>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/login_page.py" line="100"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/login_page.py" line="103"/>
        <source>Demo database: sign in as {user} with the password {password}</source>
        <translation>演示数据库：请以 {user} 登录，密码为 {password}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/login_page.py" line="112"/>
        <source>Type your username and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/login_page.py" line="116"/>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
</context>
<context>
    <name>MainPage</name>
    <message>
        <location filename="../../consent_app/ui/main_page.py" line="145"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/main_page.py" line="145"/>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/main_page.py" line="146"/>
        <source>Signed in: {name} ({role})</source>
        <translation>已登录：{name}（{role}）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/main_page.py" line="148"/>
        <source>&amp;New capture session</source>
        <translation>新建采集(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/main_page.py" line="149"/>
        <source>&amp;Lock screen</source>
        <translation>锁定屏幕(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/main_page.py" line="150"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/main_page.py" line="151"/>
        <source>Subjects</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/main_page.py" line="151"/>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/main_page.py" line="151"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/main_page.py" line="152"/>
        <source>Trace a file</source>
        <translation>追溯文件</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/main_page.py" line="152"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/main_page.py" line="152"/>
        <source>Duties</source>
        <translation>定期任务</translation>
    </message>
</context>
<context>
    <name>NewComplaintDialog</name>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="26"/>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="34"/>
        <source>E-mail, phone or address</source>
        <translation>电子邮件、电话或地址</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="42"/>
        <source>&amp;Attach files…</source>
        <translation>添加附件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="48"/>
        <source>Claim</source>
        <translation>投诉事由</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="49"/>
        <source>Who complains</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="50"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="51"/>
        <source>Disputed media</source>
        <translation>争议媒体</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="52"/>
        <source>Seen at (URL)</source>
        <translation>发现地址（网址）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="53"/>
        <source>Subject id, if known</source>
        <translation>当事人编号（如已知）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="54"/>
        <source>Consent id, if known</source>
        <translation>同意编号（如已知）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="55"/>
        <source>What they say</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="58"/>
        <source>&amp;Register complaint</source>
        <translation>登记投诉(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="67"/>
        <source>Attach the disputed media</source>
        <translation>添加争议媒体</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_dialogs.py" line="68"/>
        <source>Media (*.jpg *.jpeg *.png *.webp *.gif *.mp4 *.mov *.webm *.wav *.mp3 *.flac);;All files (*)</source>
        <translation>媒体（*.jpg *.jpeg *.png *.webp *.gif *.mp4 *.mov *.webm *.wav *.mp3 *.flac）;;所有文件（*）</translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <location filename="../../consent_app/ui/capture/preview.py" line="36"/>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/preview.py" line="37"/>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
</context>
<context>
    <name>ReceiptStep</name>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="91"/>
        <source>Consent recorded</source>
        <extracomment>The rows of what was recorded, in order (names worded by ``ReceiptStep.row_names``).</extracomment>
        <translation>同意已记录</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="92"/>
        <source>Give the subject the receipt. Export a token for the production that will use the face or voice.</source>
        <translation>请将回执交给当事人。为将使用该人脸或声音的制作导出令牌。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="94"/>
        <source>Save the &amp;receipt (PDF)…</source>
        <translation>保存回执（PDF）(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="95"/>
        <source>Export a &amp;token…</source>
        <translation>导出令牌(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="96"/>
        <source>&amp;Done</source>
        <translation>完成(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="110"/>
        <source>Consent id: {consent}
Subject id: {subject}
Record hash: {hash}</source>
        <translation>同意书编号：{consent}
当事人编号：{subject}
记录哈希：{hash}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="115"/>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="115"/>
        <source>Allows</source>
        <translation>允许</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="115"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="115"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="136"/>
        <source>from {start} until {end}</source>
        <translation>自 {start} 至 {end}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="116"/>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="116"/>
        <source>Countersigned by</source>
        <translation>会签人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_receipt.py" line="116"/>
        <source>Consent id</source>
        <translation>同意书编号</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="192"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="193"/>
        <source>&amp;General</source>
        <translation>常规(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="193"/>
        <source>De&amp;vices</source>
        <translation>设备(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="193"/>
        <source>&amp;Thresholds</source>
        <translation>阈值(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="194"/>
        <source>&amp;Staff</source>
        <translation>工作人员(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="194"/>
        <source>Signing &amp;keys</source>
        <translation>签名密钥(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="194"/>
        <source>St&amp;udio</source>
        <translation>工作室(&amp;U)</translation>
    </message>
</context>
<context>
    <name>SetupChecklist</name>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="101"/>
        <source>{studio} is ready</source>
        <translation>{studio} 已就绪</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="102"/>
        <source>Your studio is ready</source>
        <translation>您的工作室已就绪</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="103"/>
        <source>You are signed in as its administrator. Before the first session:</source>
        <translation>您已作为管理员登录。在第一次采集之前：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="105"/>
        <source>Add your staff</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="106"/>
        <source>Each person who runs capture sessions gets their own account.</source>
        <translation>每位执行采集的人员都应有自己的账户。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="107"/>
        <source>Add &amp;staff…</source>
        <translation>添加员工(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="108"/>
        <source>Test the camera and microphone</source>
        <translation>测试摄像头和麦克风</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="109"/>
        <source>Choose them and check the picture and the sound level.</source>
        <translation>选择设备，并检查画面和音量。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="110"/>
        <source>Test &amp;devices…</source>
        <translation>测试设备(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="111"/>
        <source>Export the public keys</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="112"/>
        <source>Production tools check consent tokens offline with the studio&apos;s public keys (a JWKS file).</source>
        <translation>制作工具使用工作室的公钥（JWKS 文件）离线核验同意令牌。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="114"/>
        <source>Export &amp;keys…</source>
        <translation>导出公钥(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="115"/>
        <source>Publish the status list every day</source>
        <translation>每天发布状态列表</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="116"/>
        <source>Tools also check a signed list of revoked tokens, valid for 24 hours. Export it at least daily with the command-line tool (its “status export” command, e.g. from a scheduled task) to the shared folder or web address your tools read it from.</source>
        <translation>工具还会核对一份经签名的已吊销令牌列表，有效期 24 小时。请至少每天用命令行工具的“导出状态列表”命令（例如通过计划任务）将其导出到工具读取的共享文件夹或网址。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="121"/>
        <location filename="../../consent_app/ui/setup_checklist.py" line="144"/>
        <source>Save a recovery backup</source>
        <translation>保存恢复备份</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="122"/>
        <source>A lost passphrase cannot be recovered, and a broken disk loses every record. Save an encrypted backup on another drive; restoring it needs the same passphrase.</source>
        <translation>遗失的口令无法找回，磁盘损坏会丢失所有记录。请在另一个驱动器上保存加密备份；恢复时需要同一口令。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="125"/>
        <source>A broken disk loses every record. Save an encrypted backup on another drive.</source>
        <translation>磁盘损坏会丢失所有记录。请在另一个驱动器上保存加密备份。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="127"/>
        <source>Save a &amp;backup…</source>
        <translation>保存备份(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="134"/>
        <source>&amp;Go to the console</source>
        <translation>进入控制台(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="146"/>
        <source>Encrypted backup (*.db)</source>
        <translation>加密备份 (*.db)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="150"/>
        <source>Backup saved: {path} (with its key envelope beside it).</source>
        <translation>备份已保存：{path}（密钥信封在其旁边）。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_checklist.py" line="152"/>
        <source>Saving the backup…</source>
        <translation>正在保存备份…</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="217"/>
        <source>Welcome — set up your studio</source>
        <translation>欢迎——设置您的工作室</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="218"/>
        <source>This creates an encrypted database for consent records, the studio&apos;s signing key and the first administrator account.</source>
        <translation>此操作将创建用于保存同意记录的加密数据库、工作室签名密钥以及第一个管理员账户。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="220"/>
        <source>&amp;Studio name:</source>
        <translation>工作室名称(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="220"/>
        <source>&amp;Administrator username:</source>
        <translation>管理员用户名(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="220"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="221"/>
        <source>Con&amp;firm password:</source>
        <translation>确认密码(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="221"/>
        <source>Pass&amp;phrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="221"/>
        <source>Confirm pass&amp;phrase:</source>
        <translation>确认口令(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="222"/>
        <source>&amp;Data folder:</source>
        <translation>数据文件夹(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="225"/>
        <source>Key protection:</source>
        <translation>密钥保护：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="226"/>
        <source>A passphrase typed at every start</source>
        <translation>每次启动时输入口令</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="227"/>
        <source>The operating system&apos;s keyring</source>
        <translation>操作系统的密钥环</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="229"/>
        <source>The keyring keeps the key for this user account on this computer.</source>
        <translation>密钥环在本机为当前用户账户保存密钥。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="230"/>
        <source>No keyring is available on this computer; use a passphrase.</source>
        <translation>本机没有可用的密钥环；请使用口令。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="232"/>
        <source>Keep the passphrase safe: nobody can recover it. Without it the database — every consent record — cannot be opened. After setup, save a recovery backup on another drive.</source>
        <translation>请妥善保管口令：任何人都无法找回它。没有口令，数据库（所有同意记录）将无法打开。设置完成后，请在另一个驱动器上保存恢复备份。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="234"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="235"/>
        <source>&amp;Create studio</source>
        <translation>创建工作室(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="236"/>
        <source>e.g. Northern Lights Studio</source>
        <translation>例如：北极光工作室</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="237"/>
        <source>at least 10 characters</source>
        <translation>至少 10 个字符</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="248"/>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="261"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="264"/>
        <source>Choose a passphrase, or use the keyring.</source>
        <translation>请设置口令，或使用密钥环。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="268"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="270"/>
        <source>Choose a data folder.</source>
        <translation>请选择数据文件夹。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="281"/>
        <source>Correct the fields marked above.</source>
        <translation>请更正上面标出的字段。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/setup_page.py" line="292"/>
        <source>Creating the encrypted database…</source>
        <translation>正在创建加密数据库…</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../consent_app/ui/shell.py" line="236"/>
        <source>Choose the data folder</source>
        <extracomment>The console shown, the capture wizard is made this much later (see ``Shell.prepare_capture``).</extracomment>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/shell.py" line="252"/>
        <source>Consent Studio</source>
        <translation>同意管理工作室</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../consent_app/ui/signature_pad.py" line="45"/>
        <source>Sign here</source>
        <extracomment>Size of the &quot;Sign here&quot; placeholder (points); large enough to read at arm&apos;s length.</extracomment>
        <translation>请在此签名</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/signature_pad.py" line="46"/>
        <source>Signature pad</source>
        <translation>签名板</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/signature_pad.py" line="47"/>
        <source>Sign with the mouse, a finger or a pen</source>
        <translation>可用鼠标、手指或手写笔签名</translation>
    </message>
</context>
<context>
    <name>StaffView</name>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="58"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="58"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="58"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="59"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="59"/>
        <source>Last sign-in</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="105"/>
        <source>New staff account</source>
        <translation>新建工作人员账户</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="106"/>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="106"/>
        <source>&amp;Full name:</source>
        <translation>姓名(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="107"/>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="107"/>
        <source>R&amp;ole:</source>
        <translation>角色(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="109"/>
        <source>Operator — runs capture sessions</source>
        <translation>操作员——执行采集</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="110"/>
        <source>Administrator — also manages staff, thresholds and keys</source>
        <translation>管理员——还可管理工作人员、阈值和密钥</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="111"/>
        <source>&amp;Add account</source>
        <translation>添加账户(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="112"/>
        <source>Set a new &amp;password for the selected account</source>
        <translation>为所选账户设置新密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="113"/>
        <source>&amp;Deactivate / reactivate</source>
        <translation>停用 / 重新启用(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="114"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="115"/>
        <source>at least 10 characters</source>
        <translation>至少 10 个字符</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="130"/>
        <source>active</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="130"/>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="132"/>
        <source>locked until {when}</source>
        <translation>锁定至 {when}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="133"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="133"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="154"/>
        <source>Account {user} created.</source>
        <translation>账户 {user} 已创建。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="159"/>
        <source>Select an account in the list first.</source>
        <translation>请先在列表中选择一个账户。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="167"/>
        <source>Type the new password in the Password field below, then press this button again.</source>
        <translation>请在下方的密码框中输入新密码，然后再次点击此按钮。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="173"/>
        <source>Password of {user} changed.</source>
        <translation>{user} 的密码已更改。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="182"/>
        <source>Account {user} updated.</source>
        <translation>账户 {user} 已更新。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/staff_view.py" line="190"/>
        <source>Account {user} unlocked.</source>
        <translation>账户 {user} 已解锁。</translation>
    </message>
</context>
<context>
    <name>StudioTab</name>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="69"/>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="69"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="69"/>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="70"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="107"/>
        <source>A studio with several stations shares one PostgreSQL database. Each station keeps its own encrypted store and works offline; signed changes are synced in the background. Use sslmode=verify-full in the connection string when the server is not on this machine.</source>
        <translation>多个工作站组成的工作室共用一个 PostgreSQL 数据库。每个工作站保留自己的加密存储并可离线工作；已签名的更改在后台同步。服务器不在本机时，请在连接字符串中使用 sslmode=verify-full。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="110"/>
        <source>Studio &amp;database (PostgreSQL connection string):</source>
        <translation>工作室数据库（PostgreSQL 连接字符串）(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="112"/>
        <source>This station&apos;s &amp;name:</source>
        <translation>本工作站名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="114"/>
        <source>&amp;Found a studio with this station</source>
        <translation>以本工作站创建工作室(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="115"/>
        <source>&amp;Join a studio</source>
        <translation>加入工作室(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="116"/>
        <source>Fingerprint read on the new station&apos;s screen</source>
        <translation>在新工作站屏幕上读到的指纹</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="117"/>
        <source>&amp;Approve the selected station</source>
        <translation>批准所选工作站(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="118"/>
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="140"/>
        <source>This station&apos;s key fingerprint: {fp}</source>
        <translation>本工作站的密钥指纹：{fp}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="142"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="144"/>
        <source>Studio {studio} at {where}. Last push: {push}. Last pull: {pull}. Changes waiting to be pushed: {pending}.</source>
        <translation>工作室 {studio}（{where}）。上次推送：{push}。上次拉取：{pull}。待推送的更改：{pending}。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="167"/>
        <source>Face and voice templates of other stations: {shown} in the search, {waiting} waiting for their subject key.</source>
        <translation>其他工作站的人脸和声音模板：{shown} 个已纳入搜索，{waiting} 个正在等待其当事人密钥。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="157"/>
        <source>trusted</source>
        <translation>已信任</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="157"/>
        <source>waiting for approval</source>
        <translation>等待批准</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="159"/>
        <source>revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="161"/>
        <source>(this station)</source>
        <translation>（本工作站）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="175"/>
        <source>Studio-wide settings: acknowledge a complaint within {ack} day(s), resolve it within {res} day(s); studio code {code}.</source>
        <translation>全工作室设置：投诉须在 {ack} 天内确认、{res} 天内处理完毕；工作室代码 {code}。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="183"/>
        <source>station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="185"/>
        <source>Give the studio database&apos;s connection string.</source>
        <translation>请填写工作室数据库的连接字符串。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="189"/>
        <source>Connecting to the studio…</source>
        <translation>正在连接工作室…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="190"/>
        <source>Connected.</source>
        <translation>已连接。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="198"/>
        <source>Select the station to approve.</source>
        <translation>请选择要批准的工作站。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="202"/>
        <source>Approving…</source>
        <translation>正在批准…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_studio.py" line="203"/>
        <source>Approval recorded.</source>
        <translation>批准已记录。</translation>
    </message>
</context>
<context>
    <name>SubjectDetailPage</name>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="39"/>
        <location filename="../../consent_app/ui/subject_detail.py" line="49"/>
        <location filename="../../consent_app/ui/subject_detail.py" line="53"/>
        <location filename="../../consent_app/ui/subject_detail.py" line="57"/>
        <source>Consent id</source>
        <translation>同意书编号</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="39"/>
        <location filename="../../consent_app/ui/subject_detail.py" line="44"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="40"/>
        <location filename="../../consent_app/ui/subject_detail.py" line="50"/>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="41"/>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="41"/>
        <location filename="../../consent_app/ui/subject_detail.py" line="50"/>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="42"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="42"/>
        <source>Signed</source>
        <translation>签署时间</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="44"/>
        <source>Session id</source>
        <translation>采集编号</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="44"/>
        <location filename="../../consent_app/ui/subject_detail.py" line="54"/>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="45"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="45"/>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="47"/>
        <source>Check</source>
        <translation>核验项</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="47"/>
        <source>Scores and result</source>
        <translation>分数与结果</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="48"/>
        <location filename="../../consent_app/ui/subject_detail.py" line="54"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="49"/>
        <source>Token id</source>
        <translation>令牌编号</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="51"/>
        <source>Issued by</source>
        <translation>签发人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="51"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="53"/>
        <source>Categories withdrawn</source>
        <translation>已撤回的类别</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="54"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="56"/>
        <source>Made</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="56"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="56"/>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="57"/>
        <source>Output (SHA-256)</source>
        <translation>输出（SHA-256）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="104"/>
        <source>← &amp;Back to subjects</source>
        <translation>← 返回当事人列表(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="105"/>
        <source>&amp;Consents</source>
        <translation>同意书(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="105"/>
        <source>S&amp;essions</source>
        <translation>采集记录(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="105"/>
        <source>&amp;Verifications</source>
        <translation>核验记录(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="106"/>
        <source>To&amp;kens</source>
        <translation>令牌(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="106"/>
        <source>&amp;Withdrawals</source>
        <translation>撤回记录(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="106"/>
        <source>&amp;Uses</source>
        <translation>使用记录(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="108"/>
        <source>E&amp;xport token…</source>
        <translation>导出令牌(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="109"/>
        <source>Wit&amp;hdraw…</source>
        <translation>撤回(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="110"/>
        <source>Save &amp;receipt…</source>
        <translation>保存回执(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="111"/>
        <source>Erase &amp;biometric data…</source>
        <translation>删除生物特征数据(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="112"/>
        <source>New &amp;session for this subject</source>
        <translation>为此当事人新建采集(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="135"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="149"/>
        <source>Subject id {id} · registered {when} by {staff}</source>
        <translation>当事人编号 {id} · 由 {staff} 于 {when} 登记</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="152"/>
        <source>biometric samples erased {when}</source>
        <translation>生物特征样本已于 {when} 删除</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="168"/>
        <source>revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="168"/>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="192"/>
        <source>No consent recorded</source>
        <translation>尚无同意记录</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="193"/>
        <source>A consent is recorded at the end of a capture session.</source>
        <translation>同意在采集流程结束时记录。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="194"/>
        <source>Start a capture session</source>
        <translation>开始采集流程</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="195"/>
        <source>No sessions</source>
        <translation>没有采集流程</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="195"/>
        <source>Capture sessions with this subject are listed here.</source>
        <translation>此处列出与该对象的采集流程。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="196"/>
        <source>No verifications</source>
        <translation>没有核验记录</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="196"/>
        <source>Face, ID and voice checks of the capture sessions are listed here.</source>
        <translation>此处列出采集流程中的人脸、证件和声音核验。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="198"/>
        <source>No tokens exported</source>
        <translation>尚未导出令牌</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="198"/>
        <source>A token lets a production use this face or voice, within the consent.</source>
        <translation>令牌允许制作方在同意范围内使用此人脸或声音。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="200"/>
        <source>Export a token…</source>
        <translation>导出令牌…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="201"/>
        <source>No withdrawals</source>
        <translation>没有撤回记录</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="201"/>
        <source>The subject has not withdrawn any consent.</source>
        <translation>该对象未撤回任何同意。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="202"/>
        <source>No recorded uses</source>
        <translation>没有使用记录</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subject_detail.py" line="202"/>
        <source>Outputs marked under this subject&apos;s consents appear here once their usage receipts are imported.</source>
        <translation>导入使用回执后，依据此当事人同意所标识的输出会显示在这里。</translation>
    </message>
</context>
<context>
    <name>SubjectStep</name>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="42"/>
        <source>Subject details</source>
        <translation>当事人信息</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="43"/>
        <source>Who is giving consent? The name appears on the receipt; tokens carry only a pseudonymous id.</source>
        <translation>由谁给出同意？姓名会出现在回执上；令牌中只包含化名编号。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="45"/>
        <source>Subject&apos;s full &amp;name:</source>
        <translation>当事人全名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="45"/>
        <source>Subject&apos;s &amp;language:</source>
        <translation>当事人语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="46"/>
        <source>Subject is a &amp;minor:</source>
        <translation>当事人为未成年人(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="46"/>
        <source>Who &amp;signs:</source>
        <translation>签名人(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="46"/>
        <source>Signer&apos;s n&amp;ame:</source>
        <translation>签名人姓名(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="47"/>
        <source>&amp;Relationship or authority:</source>
        <translation>关系或授权依据(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="50"/>
        <source>Under 18: a guardian consents and is verified too</source>
        <translation>未满 18 周岁：由监护人同意，且监护人也需核验</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="51"/>
        <source>The subject</source>
        <translation>当事人本人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="51"/>
        <source>A guardian (for a minor)</source>
        <translation>监护人（未成年人）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="52"/>
        <source>An authorised agent</source>
        <translation>授权代理人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_subject.py" line="54"/>
        <source>e.g. mother, or power of attorney no. 2024-17</source>
        <translation>例如：母亲，或授权委托书编号 2024-17</translation>
    </message>
</context>
<context>
    <name>SubjectsList</name>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="43"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="43"/>
        <source>Consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="43"/>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="44"/>
        <source>Sessions</source>
        <translation>采集次数</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="44"/>
        <source>Registered</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="44"/>
        <source>Subject id</source>
        <translation>当事人编号</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="77"/>
        <source>Subjects</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="78"/>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="79"/>
        <source>name or subject id</source>
        <translation>姓名或当事人编号</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="80"/>
        <source>Consent &amp;state:</source>
        <translation>同意状态(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="81"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="81"/>
        <source>Active consent</source>
        <translation>同意有效</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="81"/>
        <source>Partly withdrawn</source>
        <translation>部分撤回</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="82"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="82"/>
        <source>No consent</source>
        <translation>无同意</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="84"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="107"/>
        <source>No subject matches</source>
        <translation>没有匹配的对象</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="108"/>
        <source>No subject has this name, id or consent state.</source>
        <translation>没有对象具有此姓名、编号或同意状态。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="109"/>
        <source>Show &amp;all subjects</source>
        <translation>显示全部对象(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="111"/>
        <source>No subjects yet</source>
        <translation>还没有对象</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="112"/>
        <source>Each capture session registers a subject: their face, ID document, voice and signed consent are listed here.</source>
        <translation>每次采集流程都会登记一个对象：其人脸、身份证件、声音和已签署的同意书都列在这里。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="114"/>
        <source>Start a &amp;new capture session</source>
        <translation>开始新的采集流程(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/subjects_view.py" line="94"/>
        <source>Loading subjects…</source>
        <translation>正在加载当事人…</translation>
    </message>
</context>
<context>
    <name>ThresholdsTab</name>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="140"/>
        <source>&amp;Face match threshold (distance, lower is stricter):</source>
        <translation>人脸比对阈值（距离，越低越严格）(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="141"/>
        <source>&amp;Voice match threshold (similarity, higher is stricter):</source>
        <translation>声纹比对阈值（相似度，越高越严格）(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="142"/>
        <source>&amp;Lock the screen after (minutes idle):</source>
        <translation>空闲多少分钟后锁屏(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="143"/>
        <source>&amp;Save settings</source>
        <translation>保存设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="144"/>
        <source>Only administrators can change these; every change is recorded in the audit trail. The defaults were calibrated on reference photos and recordings (see the README).</source>
        <translation>只有管理员可以更改这些设置；每次更改都会记入审计日志。默认值基于参考照片和录音校准（见 README）。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/settings_view.py" line="164"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>TokenDialog</name>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="115"/>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="116"/>
        <source>Export a consent token</source>
        <translation>导出同意令牌</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="117"/>
        <source>Consent {id}. A token never carries more than the consent allows: only its remaining categories, within its validity.</source>
        <translation>同意书 {id}。令牌所含内容绝不超出同意范围：仅包含剩余类别，且在其有效期内。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="120"/>
        <source>Edit categories the token allows</source>
        <translation>令牌允许的编辑类别</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="123"/>
        <source>Valid &amp;until (end of day, UTC):</source>
        <translation>有效期至（当日结束，UTC）(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="124"/>
        <source>Bind the token to this person (optional)</source>
        <translation>将令牌与此人绑定（可选）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="125"/>
        <source>Approved source media (hashes of the captured samples)</source>
        <translation>批准的源素材（所采集样本的哈希）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="126"/>
        <source>Face template (the tool checks the face in its media)</source>
        <translation>人脸模板（工具会核对其素材中的人脸）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="127"/>
        <source>Voice embedding (the tool checks the voice in its media)</source>
        <translation>声纹向量（工具会核对其素材中的声音）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="128"/>
        <source>A token with a face or voice binding carries biometric data: store and send it as such.</source>
        <translation>绑定了人脸或声音的令牌包含生物特征数据：请按生物特征数据保存和传输。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="130"/>
        <source>&amp;Save as:</source>
        <translation>保存为(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="131"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="132"/>
        <source>&amp;Export token</source>
        <translation>导出令牌(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="133"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="136"/>
        <source>Save the token</source>
        <translation>保存令牌</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="138"/>
        <source>Consent token (*.jwt)</source>
        <translation>同意令牌 (*.jwt)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="146"/>
        <source>Choose at least one category.</source>
        <translation>请至少选择一个类别。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="149"/>
        <source>Choose where to save the token.</source>
        <translation>请选择令牌的保存位置。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="156"/>
        <source>Signing the token…</source>
        <translation>正在签署令牌…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="162"/>
        <source>Token {id} exported to {folder}: {files}</source>
        <translation>令牌 {id} 已导出到 {folder}：{files}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/consent_dialogs.py" line="166"/>
        <source>DEMO token: issued from a demo database; nobody should trust it.</source>
        <translation>演示令牌：由演示数据库签发，任何人都不应信任它。</translation>
    </message>
</context>
<context>
    <name>TraceView</name>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="40"/>
        <source>What</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="40"/>
        <source>Finding</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="55"/>
        <location filename="../../consent_app/ui/trace_view.py" line="68"/>
        <source>Trace a file</source>
        <translation>追溯文件</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="56"/>
        <source>Choose an image, video or recording: its marks (C2PA manifest, AIGC label) are checked, and its faces, voice and fingerprints are searched among the enrolled subjects and the imported usage receipts.</source>
        <translation>选择图片、视频或录音：检查其标识（C2PA 清单、AIGC 标签），并在已登记的当事人和已导入的使用回执中搜索其人脸、声音和指纹。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="59"/>
        <source>&amp;Choose a file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="69"/>
        <source>Media (*.jpg *.jpeg *.png *.webp *.mp4 *.m4v *.wav *.mp3 *.flac);;All files (*)</source>
        <translation>媒体文件 (*.jpg *.jpeg *.png *.webp *.mp4 *.m4v *.wav *.mp3 *.flac);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="76"/>
        <source>Reading the marks and searching faces, voices and receipts…</source>
        <translation>正在读取标识并搜索人脸、声音和回执…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="93"/>
        <source>{file}: {verdict} (code {code})</source>
        <translation>{file}：{verdict}（代码 {code}）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="95"/>
        <source>Mark</source>
        <translation>标识</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="97"/>
        <source>Consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="98"/>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="99"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="101"/>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/trace_view.py" line="103"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../consent_app/ui/unlock_page.py" line="64"/>
        <source>Unlock the consent database</source>
        <translation>解锁同意数据库</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/unlock_page.py" line="65"/>
        <source>Data folder: {folder}</source>
        <translation>数据文件夹：{folder}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/unlock_page.py" line="66"/>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/unlock_page.py" line="67"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/unlock_page.py" line="68"/>
        <source>Use another &amp;folder…</source>
        <translation>使用其他文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/unlock_page.py" line="76"/>
        <source>Type the passphrase chosen when the studio was set up.</source>
        <translation>请输入设置工作室时选定的口令。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/unlock_page.py" line="80"/>
        <source>Unlocking…</source>
        <translation>正在解锁…</translation>
    </message>
</context>
<context>
    <name>VoiceStep</name>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="118"/>
        <source>Voice sample and spoken statement (optional)</source>
        <translation>声音样本与口述声明（可选）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="119"/>
        <source>Needed only for voice edits. Record at least 8 seconds of natural speech, then the subject reads the statement aloud, including this session&apos;s phrase.</source>
        <translation>仅声音类编辑需要。先录制至少 8 秒的自然语音，然后由当事人朗读声明，包括本次采集的随机短语。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="122"/>
        <source>&amp;Microphone:</source>
        <translation>麦克风(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="124"/>
        <source>Show the &amp;statement to read</source>
        <translation>显示要朗读的声明(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="125"/>
        <source>No voice edits: s&amp;kip this step</source>
        <translation>不涉及声音编辑：跳过此步(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="126"/>
        <source>Attestation by a second staff member</source>
        <translation>由另一名工作人员证明</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="127"/>
        <source>There is no speech recogniser for this language. A staff member other than the operator, who heard the subject read the words shown, attests it with their own login (or an administrator&apos;s password).</source>
        <translation>此语言没有语音识别器。请由主持会话者以外、亲耳听到受试者读出所示词语的工作人员，用其本人的登录（或管理员密码）进行证明。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="131"/>
        <source>Staff &amp;member:</source>
        <translation>工作人员(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="131"/>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="134"/>
        <source>&amp;Attest that the subject read the words</source>
        <translation>证明受试者已读出这些词语(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="135"/>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="232"/>
        <source>{seconds:.1f} s</source>
        <translation>{seconds:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="143"/>
        <source>S&amp;top recording</source>
        <translation>停止录音(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="144"/>
        <source>&amp;Record the voice sample</source>
        <translation>录制声音样本(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="145"/>
        <source>Stop recordin&amp;g</source>
        <translation>停止录音(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="146"/>
        <source>Record the s&amp;tatement</source>
        <translation>录制声明(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="153"/>
        <source>File: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="155"/>
        <source>System default microphone</source>
        <translation>系统默认麦克风</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="195"/>
        <source>Show the statement to the subject first.</source>
        <translation>请先向当事人显示声明。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="257"/>
        <source>✓ Enough speech ({seconds:.0f} s): you can stop</source>
        <translation>✓ 语音已足够（{seconds:.0f} 秒）：可以停止</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="263"/>
        <source>Speech {seconds:.0f} s, but: {problem}</source>
        <translation>语音 {seconds:.0f} 秒，但是：{problem}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="267"/>
        <source>Speech {seconds:.1f} s of {need:.0f} s</source>
        <translation>语音 {seconds:.1f} 秒 / 需要 {need:.0f} 秒</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="298"/>
        <source>Checking the recording…</source>
        <translation>正在检查录音…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="344"/>
        <source>Voice sample recorded and checked.</source>
        <translation>声音样本已录制并通过检查。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="358"/>
        <source>words attested by {staff}</source>
        <translation>词语已由 {staff} 证明</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="360"/>
        <source>words not checked (no recogniser for this language)</source>
        <translation>未核对文字（此语言没有识别模型）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="362"/>
        <source>words {score:.2f}</source>
        <translation>文字得分 {score:.2f}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="363"/>
        <source>✔ Statement passed</source>
        <translation>✔ 声明通过</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="363"/>
        <source>✖ Statement did not pass</source>
        <translation>✖ 声明未通过</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/capture/step_voice.py" line="364"/>
        <source>{verdict}: same speaker {similarity:.3f} (threshold {threshold:.3f}), {words}.</source>
        <translation>{verdict}：同一说话人相似度 {similarity:.3f}（阈值 {threshold:.3f}），{words}。</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="127"/>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="128"/>
        <source>Withdraw consent</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="129"/>
        <source>Consent {id}. The withdrawal is signed and recorded in the audit trail; every token covering a withdrawn category is revoked. Choose what the subject withdraws:</source>
        <translation>同意书 {id}。撤回经签名并记入审计日志；涵盖被撤回类别的每个令牌都会被吊销。请选择对象撤回的内容：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="133"/>
        <source>The &amp;whole consent (every remaining category)</source>
        <translation>整份同意(所有剩余类别)(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="134"/>
        <source>&amp;Only some categories:</source>
        <translation>仅部分类别(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="138"/>
        <source>&amp;Reason (as the subject gave it):</source>
        <translation>原因（按当事人所述）(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="139"/>
        <source>&amp;Continue…</source>
        <translation>继续(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="140"/>
        <source>&amp;Back</source>
        <translation>返回(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="141"/>
        <source>Withdraw &amp;now</source>
        <translation>立即撤回(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="142"/>
        <source>Save the withdrawal &amp;receipt…</source>
        <translation>保存撤回回执(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="143"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="160"/>
        <source>Choose the whole consent or some categories.</source>
        <translation>请选择整份同意或部分类别。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="163"/>
        <source>Tick the categories to withdraw.</source>
        <translation>请勾选要撤回的类别。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="175"/>
        <source>Give the reason for the withdrawal.</source>
        <translation>请填写撤回理由。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="181"/>
        <source>Finding the tokens to revoke…</source>
        <translation>正在查找要吊销的令牌…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="197"/>
        <source>This will withdraw:</source>
        <translation>将撤回：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="200"/>
        <source>The consent still allows:</source>
        <translation>同意仍允许：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="203"/>
        <source>Nothing remains: the consent ends.</source>
        <translation>不再剩余任何类别：同意终止。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="205"/>
        <source>These tokens will be revoked:</source>
        <translation>以下令牌将被吊销：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="206"/>
        <source>Token {id} ({categories}), valid until {until}</source>
        <translation>令牌 {id}（{categories}），有效期至 {until}</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="211"/>
        <source>No token is revoked: none carries these categories.</source>
        <translation>不会吊销任何令牌：没有令牌包含这些类别。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="212"/>
        <source>The withdrawal is signed and cannot be undone.</source>
        <translation>撤回经签名，无法撤销。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="225"/>
        <source>Recording the withdrawal…</source>
        <translation>正在记录撤回…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/withdraw_dialog.py" line="230"/>
        <source>Withdrawn: {categories}. Tokens covering them are revoked.</source>
        <translation>已撤回：{categories}。涵盖这些类别的令牌已被吊销。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../consent_app/ui/app.py" line="158"/>
        <source>Preparing the demo database…</source>
        <extracomment>Set by ``bench/startup.py``: print the time of the first paint and quit.</extracomment>
        <translation>正在准备演示数据库…</translation>
    </message>
</context>
<context>
    <name>audit_details</name>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="118"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="119"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="144"/>
        <location filename="../../consent_app/ui/audit_details.py" line="164"/>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="166"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/audit_details.py" line="236"/>
        <source>{name}:</source>
        <translation>{name}：</translation>
    </message>
</context>
<context>
    <name>complaints</name>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="10"/>
        <source>Made without consent</source>
        <translation>未经同意制作</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="11"/>
        <source>Beyond the consented edits</source>
        <translation>超出同意的编辑范围</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="12"/>
        <source>Made after withdrawal</source>
        <translation>撤回同意后制作</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="13"/>
        <source>Output without its label</source>
        <translation>输出未带标识</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="14"/>
        <source>Misuse for a prohibited purpose</source>
        <translation>用于禁止的目的</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="15"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="21"/>
        <source>The person depicted</source>
        <translation>画面中的当事人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="22"/>
        <source>A third party</source>
        <translation>第三方</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="23"/>
        <source>A tool maker</source>
        <translation>工具开发者</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="29"/>
        <source>Received</source>
        <translation>已收到</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="30"/>
        <source>Acknowledged</source>
        <translation>已确认收到</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="31"/>
        <source>Investigating</source>
        <translation>调查中</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="32"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="33"/>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="39"/>
        <source>covered by a consent of this studio</source>
        <translation>在本工作室获得的同意范围之内</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="40"/>
        <source>not covered by any consent of this studio</source>
        <translation>不在本工作室获得的任何同意范围之内</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="41"/>
        <source>cannot be determined (a face match shows who is depicted, not whether the use was authorised)</source>
        <translation>无法确定（人脸匹配只能显示所描绘的人是谁，不能证明使用是否经过授权）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="50"/>
        <source>Subject</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="51"/>
        <source>Consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="52"/>
        <source>Token</source>
        <translation>凭证</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="53"/>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="54"/>
        <source>Usage receipt</source>
        <translation>使用回执</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="60"/>
        <source>proposed by the trace</source>
        <translation>由追溯提出</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="61"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/complaint_words.py" line="62"/>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
</context>
<context>
    <name>core_words</name>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="32"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="37"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>os_errors</name>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="88"/>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="89"/>
        <source>operation not permitted</source>
        <translation>操作不被允许</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="90"/>
        <source>no space left on the disk</source>
        <translation>磁盘空间已满</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="91"/>
        <source>disk quota exceeded</source>
        <translation>超出磁盘配额</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="92"/>
        <source>the disk is read-only</source>
        <translation>磁盘为只读</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="93"/>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="94"/>
        <source>it is a folder</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="95"/>
        <source>not a folder</source>
        <translation>不是文件夹</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="96"/>
        <source>the file already exists</source>
        <translation>文件已存在</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="97"/>
        <source>input/output error (disk or device)</source>
        <translation>输入/输出错误（磁盘或设备）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="98"/>
        <source>the device is busy</source>
        <translation>设备正忙</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/core_words.py" line="99"/>
        <source>the file name is too long</source>
        <translation>文件名过长</translation>
    </message>
</context>
<context>
    <name>receipt</name>
    <message>
        <location filename="../../consent_app/ui/receipts.py" line="37"/>
        <source>Save the receipt</source>
        <translation>保存回执</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/receipts.py" line="39"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/receipts.py" line="44"/>
        <source>Writing the receipt…</source>
        <translation>正在写入回执…</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/receipts.py" line="45"/>
        <source>Receipt saved: {path}</source>
        <translation>回执已保存：{path}</translation>
    </message>
</context>
<context>
    <name>terms_view</name>
    <message>
        <location filename="../../consent_app/ui/terms_view.py" line="21"/>
        <source>You allow this</source>
        <translation>您允许此项</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/terms_view.py" line="22"/>
        <source>Not allowed</source>
        <translation>不允许</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <location filename="../../consent_app/ui/words.py" line="12"/>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="13"/>
        <source>Partly withdrawn</source>
        <translation>部分撤回</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="14"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="15"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="16"/>
        <source>Biometric data erased</source>
        <translation>生物特征数据已删除</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="17"/>
        <source>Not yet valid</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="18"/>
        <source>Signature does not verify</source>
        <translation>签名无法验证</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="19"/>
        <source>No consent</source>
        <translation>无同意</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="20"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="21"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="22"/>
        <source>Incomplete (no consent)</source>
        <translation>未完成（无同意）</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="23"/>
        <source>Discarded</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="54"/>
        <source>ID document</source>
        <translation>身份证件</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="55"/>
        <source>Live face</source>
        <translation>现场人脸</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="56"/>
        <source>Face vs ID document</source>
        <translation>人脸与证件比对</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="57"/>
        <source>Identity check</source>
        <translation>身份核验</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="58"/>
        <source>Liveness challenge</source>
        <translation>活体检测</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="59"/>
        <source>Voice sample</source>
        <translation>声音样本</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="60"/>
        <source>Spoken statement</source>
        <translation>口述声明</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="61"/>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="62"/>
        <source>Admin override</source>
        <translation>管理员特批</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="70"/>
        <source>Face OK: ready to capture</source>
        <translation>人脸合格：可以采集</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="71"/>
        <source>No face found: look at the camera</source>
        <translation>未检测到人脸：请注视摄像头</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="72"/>
        <source>More than one face: only the subject may be in view</source>
        <translation>检测到多张人脸：镜头中只能有当事人</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="74"/>
        <source>Face too small: come closer to the camera</source>
        <translation>人脸太小：请靠近摄像头</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="75"/>
        <source>Too dark: add light in front of the face</source>
        <translation>太暗：请在面部前方补光</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="76"/>
        <source>Too bright: reduce the light or move out of direct sun</source>
        <translation>太亮：请减弱光线或避开直射阳光</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="78"/>
        <source>Too blurred: hold still</source>
        <translation>太模糊：请保持不动</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="79"/>
        <source>Looking away: look straight at the camera</source>
        <translation>视线偏离：请直视摄像头</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="85"/>
        <source>Blink slowly</source>
        <translation>请慢慢眨眼</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="86"/>
        <source>Turn your head to your left</source>
        <translation>请向左转头</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="87"/>
        <source>Turn your head to your right</source>
        <translation>请向右转头</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="88"/>
        <source>Nod: tilt your head down, then back</source>
        <translation>请点头：先低头，再抬起</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="98"/>
        <source>The signature is empty: please sign on the pad.</source>
        <translation>签名为空：请在签名板上签名。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="99"/>
        <source>The signature is too short: please sign with your full signature.</source>
        <translation>签名太短：请签写完整的签名。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="101"/>
        <source>The signature is too small (a dot or a tick): please sign larger.</source>
        <translation>签名太小（只是一个点或勾）：请签大一些。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="103"/>
        <source>The signature is just a line: please sign with your full signature.</source>
        <translation>签名只是一条线：请签写完整的签名。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="105"/>
        <source>The signature is too simple: please sign with your full signature.</source>
        <translation>签名过于简单：请签写完整的签名。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="107"/>
        <source>The signature could not be read: please clear the pad and sign again.</source>
        <translation>无法读取签名：请清除签名板后重新签名。</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="118"/>
        <source>needs a face verification that passed or an administrator&apos;s override</source>
        <translation>需要通过人脸核验或管理员特批</translation>
    </message>
    <message>
        <location filename="../../consent_app/ui/words.py" line="120"/>
        <source>needs a voice sample and a spoken statement that passed</source>
        <translation>需要声音样本和通过的口述声明</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>{what} has {channels} channels; mono or stereo expected</source>
        <comment>audio.bad_channels</comment>
        <translation>{what}有 {channels} 个声道；应为单声道或立体声</translation>
    </message>
    <message>
        <source>{what} has an unusable sample rate of {rate} Hz</source>
        <comment>audio.bad_rate</comment>
        <translation>{what}的采样率 {rate} Hz 无法使用</translation>
    </message>
    <message>
        <source>{what} is damaged and cannot be decoded</source>
        <comment>audio.damaged</comment>
        <translation>{what}已损坏，无法解码</translation>
    </message>
    <message>
        <source>{what} is empty</source>
        <comment>audio.empty</comment>
        <translation>{what}是空的</translation>
    </message>
    <message>
        <source>{what} contains no audio samples</source>
        <comment>audio.no_samples</comment>
        <translation>{what}不含任何音频采样</translation>
    </message>
    <message>
        <source>{what} contains invalid (non-finite) samples</source>
        <comment>audio.non_finite</comment>
        <translation>{what}含有无效（非有限）的采样</translation>
    </message>
    <message>
        <source>nothing was recorded from {device}</source>
        <comment>audio.nothing_recorded</comment>
        <translation>未从 {device} 录到任何声音</translation>
    </message>
    <message>
        <source>the audio</source>
        <comment>audio.the_audio</comment>
        <translation>音频</translation>
    </message>
    <message>
        <source>{what} is too large to be a voice recording</source>
        <comment>audio.too_large</comment>
        <translation>{what}太大，不像是一段声音录音</translation>
    </message>
    <message>
        <source>{what} is too large ({mib} MiB) to be a voice recording</source>
        <comment>audio.too_large_mib</comment>
        <translation>{what}太大（{mib} MiB），不像是一段声音录音</translation>
    </message>
    <message>
        <source>{what} lasts {minutes:.0f} min; recordings longer than {limit:.0f} min are refused</source>
        <comment>audio.too_long</comment>
        <translation>{what}长 {minutes:.0f} 分钟；超过 {limit:.0f} 分钟的录音会被拒绝</translation>
    </message>
    <message>
        <source>{what} is truncated: {read} of {frames} samples could be read</source>
        <comment>audio.truncated</comment>
        <translation>{what}不完整：{frames} 个采样中只能读取 {read} 个</translation>
    </message>
    <message>
        <source>{what} is truncated: {available} of {size} bytes of audio present</source>
        <comment>audio.truncated_bytes</comment>
        <translation>{what}不完整：只有 {size} 字节音频中的 {available} 字节</translation>
    </message>
    <message>
        <source>{what} is not a readable audio file (WAV or FLAC expected)</source>
        <comment>audio.unreadable</comment>
        <translation>{what}不是可读取的音频文件（应为 WAV 或 FLAC）</translation>
    </message>
    <message>
        <source>{what} is {format} audio; WAV or FLAC expected</source>
        <comment>audio.wrong_format</comment>
        <translation>{what}是 {format} 音频；应为 WAV 或 FLAC</translation>
    </message>
    <message>
        <source>account locked after failed logins</source>
        <comment>audit.action.auth.lockout</comment>
        <translation>多次登录失败后锁定账户</translation>
    </message>
    <message>
        <source>signed in</source>
        <comment>audit.action.auth.login</comment>
        <translation>登录</translation>
    </message>
    <message>
        <source>failed sign-in</source>
        <comment>audit.action.auth.login_failed</comment>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>sign-in refused: account locked</source>
        <comment>audit.action.auth.login_refused_locked</comment>
        <translation>拒绝登录：账户已锁定</translation>
    </message>
    <message>
        <source>studio's tool certificate authority adopted</source>
        <comment>audit.action.ca.adopt</comment>
        <translation>采用工作室的工具证书颁发机构</translation>
    </message>
    <message>
        <source>tool certificate authority created</source>
        <comment>audit.action.ca.create</comment>
        <translation>创建工具证书颁发机构</translation>
    </message>
    <message>
        <source>former tool certificate authority recorded</source>
        <comment>audit.action.ca.former</comment>
        <translation>记录原工具证书颁发机构</translation>
    </message>
    <message>
        <source>this station's own tool certificate authority retired</source>
        <comment>audit.action.ca.retire</comment>
        <translation>停用本工作站自有的工具证书颁发机构</translation>
    </message>
    <message>
        <source>new generation of the studio's tool certificate authority</source>
        <comment>audit.action.ca.rotate</comment>
        <translation>生成工作室工具证书颁发机构的新一代</translation>
    </message>
    <message>
        <source>tool certificate authority renewed after a station's revocation</source>
        <comment>audit.action.ca.rotate_tainted</comment>
        <translation>工作站被撤销后更新工具证书颁发机构</translation>
    </message>
    <message>
        <source>complaint action taken</source>
        <comment>audit.action.complaint.action</comment>
        <translation>对投诉采取行动</translation>
    </message>
    <message>
        <source>complaint filed</source>
        <comment>audit.action.complaint.file</comment>
        <translation>登记投诉</translation>
    </message>
    <message>
        <source>complaint linked</source>
        <comment>audit.action.complaint.link</comment>
        <translation>关联投诉</translation>
    </message>
    <message>
        <source>complaint link decided</source>
        <comment>audit.action.complaint.link_decision</comment>
        <translation>确定投诉关联</translation>
    </message>
    <message>
        <source>complaint state changed</source>
        <comment>audit.action.complaint.transition</comment>
        <translation>投诉状态变更</translation>
    </message>
    <message>
        <source>consent recorded</source>
        <comment>audit.action.consent.create</comment>
        <translation>记录同意</translation>
    </message>
    <message>
        <source>signed event recorded</source>
        <comment>audit.action.consent.event</comment>
        <translation>记录签名事件</translation>
    </message>
    <message>
        <source>consent withdrawn</source>
        <comment>audit.action.consent.withdraw</comment>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>scheduled duty failed</source>
        <comment>audit.action.duty.failed</comment>
        <translation>定期任务失败</translation>
    </message>
    <message>
        <source>scheduled duty run</source>
        <comment>audit.action.duty.run</comment>
        <translation>运行定时任务</translation>
    </message>
    <message>
        <source>searched enrolled faces</source>
        <comment>audit.action.face.duplicate_check</comment>
        <translation>在已登记人脸中搜索</translation>
    </message>
    <message>
        <source>face enrolled</source>
        <comment>audit.action.face.enrol</comment>
        <translation>登记人脸</translation>
    </message>
    <message>
        <source>liveness checked</source>
        <comment>audit.action.face.liveness</comment>
        <translation>活体检测</translation>
    </message>
    <message>
        <source>live face photo stored</source>
        <comment>audit.action.face.sample.face</comment>
        <translation>保存现场人脸照片</translation>
    </message>
    <message>
        <source>ID document photo stored</source>
        <comment>audit.action.face.sample.id_document</comment>
        <translation>保存身份证件照片</translation>
    </message>
    <message>
        <source>face compared</source>
        <comment>audit.action.face.verify</comment>
        <translation>人脸比对</translation>
    </message>
    <message>
        <source>signing key created</source>
        <comment>audit.action.key.create</comment>
        <translation>创建签名密钥</translation>
    </message>
    <message>
        <source>records exported</source>
        <comment>audit.action.records.export</comment>
        <translation>导出记录</translation>
    </message>
    <message>
        <source>capture session cancelled</source>
        <comment>audit.action.session.cancel</comment>
        <translation>取消采集会话</translation>
    </message>
    <message>
        <source>capture session completed</source>
        <comment>audit.action.session.complete</comment>
        <translation>完成采集会话</translation>
    </message>
    <message>
        <source>ID document check overridden</source>
        <comment>audit.action.session.document_override</comment>
        <translation>放行证件核验</translation>
    </message>
    <message>
        <source>identity check overridden</source>
        <comment>audit.action.session.identity_override</comment>
        <translation>放行身份核验</translation>
    </message>
    <message>
        <source>spoken statement attested by staff</source>
        <comment>audit.action.session.statement_attested</comment>
        <translation>工作人员证明口述声明</translation>
    </message>
    <message>
        <source>setting changed</source>
        <comment>audit.action.settings.change</comment>
        <translation>更改设置</translation>
    </message>
    <message>
        <source>staff account activated or deactivated</source>
        <comment>audit.action.staff.activate</comment>
        <translation>启用或停用工作人员账户</translation>
    </message>
    <message>
        <source>staff account created</source>
        <comment>audit.action.staff.create</comment>
        <translation>创建工作人员账户</translation>
    </message>
    <message>
        <source>staff account deactivated</source>
        <comment>audit.action.staff.deactivate</comment>
        <translation>停用工作人员账户</translation>
    </message>
    <message>
        <source>password changed</source>
        <comment>audit.action.staff.password_change</comment>
        <translation>更改密码</translation>
    </message>
    <message>
        <source>staff accounts synchronised</source>
        <comment>audit.action.staff.sync</comment>
        <translation>同步工作人员账户</translation>
    </message>
    <message>
        <source>staff account unlocked</source>
        <comment>audit.action.staff.unlock</comment>
        <translation>解锁工作人员账户</translation>
    </message>
    <message>
        <source>status list exported</source>
        <comment>audit.action.status.export</comment>
        <translation>导出状态列表</translation>
    </message>
    <message>
        <source>studio created</source>
        <comment>audit.action.store.init</comment>
        <translation>创建工作室</translation>
    </message>
    <message>
        <source>passphrase changed</source>
        <comment>audit.action.store.passphrase_change</comment>
        <translation>更改密码短语</translation>
    </message>
    <message>
        <source>store restored from a backup</source>
        <comment>audit.action.store.restore</comment>
        <translation>从备份恢复数据库</translation>
    </message>
    <message>
        <source>station approved</source>
        <comment>audit.action.studio.approve</comment>
        <translation>批准工作站</translation>
    </message>
    <message>
        <source>studio database created</source>
        <comment>audit.action.studio.create</comment>
        <translation>创建工作室数据库</translation>
    </message>
    <message>
        <source>station joined the studio</source>
        <comment>audit.action.studio.join</comment>
        <translation>工作站加入工作室</translation>
    </message>
    <message>
        <source>studio reconciled</source>
        <comment>audit.action.studio.reconcile</comment>
        <translation>工作室对账</translation>
    </message>
    <message>
        <source>station revoked</source>
        <comment>audit.action.studio.revoke</comment>
        <translation>撤销工作站</translation>
    </message>
    <message>
        <source>subject registered</source>
        <comment>audit.action.subject.create</comment>
        <translation>登记当事人</translation>
    </message>
    <message>
        <source>biometric data erased</source>
        <comment>audit.action.subject.erase_biometrics</comment>
        <translation>删除生物特征数据</translation>
    </message>
    <message>
        <source>biometric template shared with the studio</source>
        <comment>audit.action.template.shared</comment>
        <translation>与工作室共享生物特征模板</translation>
    </message>
    <message>
        <source>token issued</source>
        <comment>audit.action.token.issue</comment>
        <translation>签发令牌</translation>
    </message>
    <message>
        <source>token revoked</source>
        <comment>audit.action.token.revoke</comment>
        <translation>撤销令牌</translation>
    </message>
    <message>
        <source>generation tool registered</source>
        <comment>audit.action.tool.register</comment>
        <translation>注册生成工具</translation>
    </message>
    <message>
        <source>generation tool revoked</source>
        <comment>audit.action.tool.revoke</comment>
        <translation>撤销生成工具</translation>
    </message>
    <message>
        <source>usage receipts imported</source>
        <comment>audit.action.usage.import</comment>
        <translation>导入使用回执</translation>
    </message>
    <message>
        <source>voice enrolled</source>
        <comment>audit.action.voice.enrol</comment>
        <translation>登记声音</translation>
    </message>
    <message>
        <source>spoken statement checked</source>
        <comment>audit.action.voice.statement</comment>
        <translation>核验口述声明</translation>
    </message>
    <message>
        <source>its details were altered</source>
        <comment>audit.chain.altered</comment>
        <translation>该条目的详情已被改动</translation>
    </message>
    <message>
        <source>its content does not match its hash</source>
        <comment>audit.chain.hash</comment>
        <translation>该条目的内容与其哈希值不符</translation>
    </message>
    <message>
        <source>entry {missing} is missing (next is {next})</source>
        <comment>audit.chain.missing</comment>
        <translation>第 {missing} 条记录缺失（下一条是第 {next} 条）</translation>
    </message>
    <message>
        <source>its details are not valid JSON</source>
        <comment>audit.chain.not_json</comment>
        <translation>该条目的详情不是有效的 JSON</translation>
    </message>
    <message>
        <source>it does not link to the entry before it (removed, moved or inserted)</source>
        <comment>audit.chain.unlinked</comment>
        <translation>该条目未与前一条衔接（有记录被删除、移动或插入）</translation>
    </message>
    <message>
        <source>audit chain broken at entry {seq}: {reason}</source>
        <comment>audit.chain_broken</comment>
        <translation>审计链在第 {seq} 条处断裂：{reason}</translation>
    </message>
    <message>
        <source>refusing to checkpoint a broken log: audit chain broken at entry {seq}: {reason}</source>
        <comment>audit.checkpoint_broken_log</comment>
        <translation>审计链已断裂，拒绝为其生成检查点：第 {seq} 条：{reason}</translation>
    </message>
    <message>
        <source>{count} stored object(s) and audit entries do not match (first: {first})</source>
        <comment>audit.crosscheck_failed</comment>
        <translation>有 {count} 个已存储对象与审计记录不一致（第一个：{first}）</translation>
    </message>
    <message>
        <source>action</source>
        <comment>audit.field.action_id</comment>
        <translation>处理措施</translation>
    </message>
    <message>
        <source>active</source>
        <comment>audit.field.active</comment>
        <translation>启用</translation>
    </message>
    <message>
        <source>after entry</source>
        <comment>audit.field.after_seq</comment>
        <translation>自第几条之后</translation>
    </message>
    <message>
        <source>alerts</source>
        <comment>audit.field.alerts</comment>
        <translation>告警</translation>
    </message>
    <message>
        <source>speech recognition</source>
        <comment>audit.field.asr</comment>
        <translation>语音识别</translation>
    </message>
    <message>
        <source>attempt</source>
        <comment>audit.field.attempt</comment>
        <translation>第几次尝试</translation>
    </message>
    <message>
        <source>attempts</source>
        <comment>audit.field.attempts</comment>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>audit entries</source>
        <comment>audit.field.audit_entries</comment>
        <translation>审计条目</translation>
    </message>
    <message>
        <source>backup file</source>
        <comment>audit.field.backup</comment>
        <translation>备份文件</translation>
    </message>
    <message>
        <source>backup's audit head</source>
        <comment>audit.field.backup_head</comment>
        <translation>备份的审计日志头</translation>
    </message>
    <message>
        <source>bound to</source>
        <comment>audit.field.bindings</comment>
        <translation>绑定</translation>
    </message>
    <message>
        <source>size (bytes)</source>
        <comment>audit.field.bytes</comment>
        <translation>大小（字节）</translation>
    </message>
    <message>
        <source>categories</source>
        <comment>audit.field.categories</comment>
        <translation>授权类别</translation>
    </message>
    <message>
        <source>cause</source>
        <comment>audit.field.cause</comment>
        <translation>原因类型</translation>
    </message>
    <message>
        <source>challenge</source>
        <comment>audit.field.challenge</comment>
        <translation>挑战动作</translation>
    </message>
    <message>
        <source>channel</source>
        <comment>audit.field.channel</comment>
        <translation>渠道</translation>
    </message>
    <message>
        <source>checked at</source>
        <comment>audit.field.checked_at</comment>
        <translation>核验时间</translation>
    </message>
    <message>
        <source>claim</source>
        <comment>audit.field.claim</comment>
        <translation>投诉类型</translation>
    </message>
    <message>
        <source>result</source>
        <comment>audit.field.code</comment>
        <translation>结果</translation>
    </message>
    <message>
        <source>bound identity fields</source>
        <comment>audit.field.commitments</comment>
        <translation>已绑定的身份信息</translation>
    </message>
    <message>
        <source>complaints</source>
        <comment>audit.field.complaints</comment>
        <translation>投诉</translation>
    </message>
    <message>
        <source>consent</source>
        <comment>audit.field.consent_id</comment>
        <translation>同意书</translation>
    </message>
    <message>
        <source>consents</source>
        <comment>audit.field.consents</comment>
        <translation>同意书</translation>
    </message>
    <message>
        <source>counts</source>
        <comment>audit.field.counts</comment>
        <translation>数量</translation>
    </message>
    <message>
        <source>database key</source>
        <comment>audit.field.database_key</comment>
        <translation>数据库密钥</translation>
    </message>
    <message>
        <source>demo</source>
        <comment>audit.field.demo</comment>
        <translation>演示</translation>
    </message>
    <message>
        <source>face distance</source>
        <comment>audit.field.distance</comment>
        <translation>人脸距离</translation>
    </message>
    <message>
        <source>event hash</source>
        <comment>audit.field.event</comment>
        <translation>事件哈希</translation>
    </message>
    <message>
        <source>event hash</source>
        <comment>audit.field.event_hash</comment>
        <translation>事件哈希</translation>
    </message>
    <message>
        <source>event</source>
        <comment>audit.field.event_id</comment>
        <translation>事件</translation>
    </message>
    <message>
        <source>evidence</source>
        <comment>audit.field.evidence_id</comment>
        <translation>证据</translation>
    </message>
    <message>
        <source>evidence SHA-256</source>
        <comment>audit.field.evidence_sha256</comment>
        <translation>证据 SHA-256</translation>
    </message>
    <message>
        <source>face comparison</source>
        <comment>audit.field.face_match</comment>
        <translation>人脸比对</translation>
    </message>
    <message>
        <source>files</source>
        <comment>audit.field.files</comment>
        <translation>文件数</translation>
    </message>
    <message>
        <source>key fingerprint</source>
        <comment>audit.field.fingerprint</comment>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>forced</source>
        <comment>audit.field.forced</comment>
        <translation>强制执行</translation>
    </message>
    <message>
        <source>from</source>
        <comment>audit.field.from</comment>
        <translation>起始</translation>
    </message>
    <message>
        <source>genesis</source>
        <comment>audit.field.genesis</comment>
        <translation>创世记录</translation>
    </message>
    <message>
        <source>valid for (hours)</source>
        <comment>audit.field.hours</comment>
        <translation>有效期（小时）</translation>
    </message>
    <message>
        <source>id</source>
        <comment>audit.field.id</comment>
        <translation>编号</translation>
    </message>
    <message>
        <source>identity check passed</source>
        <comment>audit.field.identity_passed</comment>
        <translation>身份核验通过</translation>
    </message>
    <message>
        <source>identity check SHA-256</source>
        <comment>audit.field.identity_sha256</comment>
        <translation>身份核验 SHA-256</translation>
    </message>
    <message>
        <source>intake hash</source>
        <comment>audit.field.intake_hash</comment>
        <translation>受理记录哈希</translation>
    </message>
    <message>
        <source>key derivation</source>
        <comment>audit.field.kdf</comment>
        <translation>密钥派生算法</translation>
    </message>
    <message>
        <source>kept</source>
        <comment>audit.field.kept</comment>
        <translation>已保留</translation>
    </message>
    <message>
        <source>replaced database kept as</source>
        <comment>audit.field.kept_aside</comment>
        <translation>被替换数据库的留存文件</translation>
    </message>
    <message>
        <source>setting</source>
        <comment>audit.field.key</comment>
        <translation>设置项</translation>
    </message>
    <message>
        <source>signing key</source>
        <comment>audit.field.kid</comment>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>kind</source>
        <comment>audit.field.kind</comment>
        <translation>类型</translation>
    </message>
    <message>
        <source>kinds of data</source>
        <comment>audit.field.kinds</comment>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>language</source>
        <comment>audit.field.language</comment>
        <translation>语言</translation>
    </message>
    <message>
        <source>link</source>
        <comment>audit.field.link_id</comment>
        <translation>关联</translation>
    </message>
    <message>
        <source>status lists</source>
        <comment>audit.field.lists</comment>
        <translation>状态列表</translation>
    </message>
    <message>
        <source>liveness frames</source>
        <comment>audit.field.liveness_frames</comment>
        <translation>活体检测帧</translation>
    </message>
    <message>
        <source>manifest SHA-256</source>
        <comment>audit.field.manifest_sha256</comment>
        <translation>清单 SHA-256</translation>
    </message>
    <message>
        <source>match</source>
        <comment>audit.field.match</comment>
        <translation>是否匹配</translation>
    </message>
    <message>
        <source>matches</source>
        <comment>audit.field.matches</comment>
        <translation>匹配数</translation>
    </message>
    <message>
        <source>attachments</source>
        <comment>audit.field.media</comment>
        <translation>附件</translation>
    </message>
    <message>
        <source>attachment</source>
        <comment>audit.field.media_id</comment>
        <translation>附件</translation>
    </message>
    <message>
        <source>memory cost (KiB)</source>
        <comment>audit.field.memory_cost</comment>
        <translation>内存开销（KiB）</translation>
    </message>
    <message>
        <source>message</source>
        <comment>audit.field.message</comment>
        <translation>信息</translation>
    </message>
    <message>
        <source>method</source>
        <comment>audit.field.method</comment>
        <translation>方式</translation>
    </message>
    <message>
        <source>file type</source>
        <comment>audit.field.mime</comment>
        <translation>文件类型</translation>
    </message>
    <message>
        <source>modality</source>
        <comment>audit.field.modality</comment>
        <translation>模态</translation>
    </message>
    <message>
        <source>model</source>
        <comment>audit.field.model</comment>
        <translation>模型</translation>
    </message>
    <message>
        <source>new value</source>
        <comment>audit.field.new</comment>
        <translation>新值</translation>
    </message>
    <message>
        <source>nonce</source>
        <comment>audit.field.nonce</comment>
        <translation>随机数</translation>
    </message>
    <message>
        <source>valid until</source>
        <comment>audit.field.notafter</comment>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>shared object</source>
        <comment>audit.field.object</comment>
        <translation>共享对象</translation>
    </message>
    <message>
        <source>old value</source>
        <comment>audit.field.old</comment>
        <translation>原值</translation>
    </message>
    <message>
        <source>operation</source>
        <comment>audit.field.operation</comment>
        <translation>操作</translation>
    </message>
    <message>
        <source>operations</source>
        <comment>audit.field.operations</comment>
        <translation>操作</translation>
    </message>
    <message>
        <source>operator</source>
        <comment>audit.field.operator</comment>
        <translation>操作员</translation>
    </message>
    <message>
        <source>output SHA-256</source>
        <comment>audit.field.output</comment>
        <translation>输出文件 SHA-256</translation>
    </message>
    <message>
        <source>overridden</source>
        <comment>audit.field.override</comment>
        <translation>管理员放行</translation>
    </message>
    <message>
        <source>passed</source>
        <comment>audit.field.passed</comment>
        <translation>通过</translation>
    </message>
    <message>
        <source>file</source>
        <comment>audit.field.path</comment>
        <translation>文件</translation>
    </message>
    <message>
        <source>phrase</source>
        <comment>audit.field.phrase</comment>
        <translation>朗读短语</translation>
    </message>
    <message>
        <source>problems</source>
        <comment>audit.field.problem_codes</comment>
        <translation>问题</translation>
    </message>
    <message>
        <source>problems</source>
        <comment>audit.field.problems</comment>
        <translation>问题</translation>
    </message>
    <message>
        <source>produce id</source>
        <comment>audit.field.produceid</comment>
        <translation>生成编号</translation>
    </message>
    <message>
        <source>key protection</source>
        <comment>audit.field.protection</comment>
        <translation>密钥保护方式</translation>
    </message>
    <message>
        <source>pseudonymised</source>
        <comment>audit.field.pseudonymised</comment>
        <translation>已假名化</translation>
    </message>
    <message>
        <source>published revocations</source>
        <comment>audit.field.published</comment>
        <translation>已发布的撤销</translation>
    </message>
    <message>
        <source>entries re-adopted</source>
        <comment>audit.field.readopted</comment>
        <translation>重新采纳的条目数</translation>
    </message>
    <message>
        <source>re-adopted up to entry</source>
        <comment>audit.field.readopted_to</comment>
        <translation>重新采纳至第几条</translation>
    </message>
    <message>
        <source>reason</source>
        <comment>audit.field.reason</comment>
        <translation>理由</translation>
    </message>
    <message>
        <source>record hash</source>
        <comment>audit.field.record_hash</comment>
        <translation>记录哈希</translation>
    </message>
    <message>
        <source>compared with</source>
        <comment>audit.field.reference</comment>
        <translation>比对对象</translation>
    </message>
    <message>
        <source>password hash upgraded</source>
        <comment>audit.field.rehashed</comment>
        <translation>密码哈希已升级</translation>
    </message>
    <message>
        <source>categories left</source>
        <comment>audit.field.remaining</comment>
        <translation>剩余类别</translation>
    </message>
    <message>
        <source>replaced audit head</source>
        <comment>audit.field.replaced</comment>
        <translation>被替换的审计日志头</translation>
    </message>
    <message>
        <source>retired keys</source>
        <comment>audit.field.retired</comment>
        <translation>已停用的密钥</translation>
    </message>
    <message>
        <source>revoked tokens</source>
        <comment>audit.field.revoked</comment>
        <translation>已撤销的令牌数</translation>
    </message>
    <message>
        <source>revoked tokens</source>
        <comment>audit.field.revoked_tokens</comment>
        <translation>已撤销的令牌</translation>
    </message>
    <message>
        <source>role</source>
        <comment>audit.field.role</comment>
        <translation>角色</translation>
    </message>
    <message>
        <source>sample</source>
        <comment>audit.field.sample_id</comment>
        <translation>样本</translation>
    </message>
    <message>
        <source>samples</source>
        <comment>audit.field.samples</comment>
        <translation>样本数</translation>
    </message>
    <message>
        <source>word score</source>
        <comment>audit.field.score</comment>
        <translation>字词得分</translation>
    </message>
    <message>
        <source>number</source>
        <comment>audit.field.seq</comment>
        <translation>序号</translation>
    </message>
    <message>
        <source>sequence</source>
        <comment>audit.field.sequence</comment>
        <translation>序列号</translation>
    </message>
    <message>
        <source>certificate serial</source>
        <comment>audit.field.serial</comment>
        <translation>证书序列号</translation>
    </message>
    <message>
        <source>session</source>
        <comment>audit.field.session_id</comment>
        <translation>采集会话</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <comment>audit.field.sha256</comment>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>found by</source>
        <comment>audit.field.source</comment>
        <translation>发现方式</translation>
    </message>
    <message>
        <source>speaker similarity</source>
        <comment>audit.field.speaker_similarity</comment>
        <translation>说话人相似度</translation>
    </message>
    <message>
        <source>speech (seconds)</source>
        <comment>audit.field.speech_seconds</comment>
        <translation>语音时长（秒）</translation>
    </message>
    <message>
        <source>state</source>
        <comment>audit.field.state</comment>
        <translation>状态</translation>
    </message>
    <message>
        <source>statement SHA-256</source>
        <comment>audit.field.statement_sha256</comment>
        <translation>声明录音 SHA-256</translation>
    </message>
    <message>
        <source>station</source>
        <comment>audit.field.station</comment>
        <translation>工作站</translation>
    </message>
    <message>
        <source>status</source>
        <comment>audit.field.status</comment>
        <translation>状态</translation>
    </message>
    <message>
        <source>status list</source>
        <comment>audit.field.status_list</comment>
        <translation>状态列表</translation>
    </message>
    <message>
        <source>session step</source>
        <comment>audit.field.step</comment>
        <translation>会话步骤</translation>
    </message>
    <message>
        <source>studio name</source>
        <comment>audit.field.studio_name</comment>
        <translation>工作室名称</translation>
    </message>
    <message>
        <source>studio root fingerprint</source>
        <comment>audit.field.studioroot</comment>
        <translation>工作室根证书指纹</translation>
    </message>
    <message>
        <source>subject</source>
        <comment>audit.field.subject_id</comment>
        <translation>当事人</translation>
    </message>
    <message>
        <source>target</source>
        <comment>audit.field.target</comment>
        <translation>对象</translation>
    </message>
    <message>
        <source>template</source>
        <comment>audit.field.template</comment>
        <translation>特征模板</translation>
    </message>
    <message>
        <source>template</source>
        <comment>audit.field.template_id</comment>
        <translation>特征模板</translation>
    </message>
    <message>
        <source>templates</source>
        <comment>audit.field.templates</comment>
        <translation>特征模板数</translation>
    </message>
    <message>
        <source>terms version</source>
        <comment>audit.field.terms_version</comment>
        <translation>条款版本</translation>
    </message>
    <message>
        <source>threshold</source>
        <comment>audit.field.threshold</comment>
        <translation>阈值</translation>
    </message>
    <message>
        <source>time cost</source>
        <comment>audit.field.time_cost</comment>
        <translation>时间开销</translation>
    </message>
    <message>
        <source>to</source>
        <comment>audit.field.to</comment>
        <translation>截止</translation>
    </message>
    <message>
        <source>token</source>
        <comment>audit.field.token</comment>
        <translation>令牌</translation>
    </message>
    <message>
        <source>tokens</source>
        <comment>audit.field.tokens</comment>
        <translation>令牌</translation>
    </message>
    <message>
        <source>tool</source>
        <comment>audit.field.tool</comment>
        <translation>工具</translation>
    </message>
    <message>
        <source>type</source>
        <comment>audit.field.type</comment>
        <translation>类型</translation>
    </message>
    <message>
        <source>until</source>
        <comment>audit.field.until</comment>
        <translation>直至</translation>
    </message>
    <message>
        <source>web address given</source>
        <comment>audit.field.url</comment>
        <translation>提供了网址</translation>
    </message>
    <message>
        <source>usage receipts</source>
        <comment>audit.field.usage_receipts</comment>
        <translation>使用回执</translation>
    </message>
    <message>
        <source>valid from</source>
        <comment>audit.field.valid_from</comment>
        <translation>生效时间</translation>
    </message>
    <message>
        <source>valid until</source>
        <comment>audit.field.valid_until</comment>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>attested by</source>
        <comment>audit.field.via</comment>
        <translation>确认方式</translation>
    </message>
    <message>
        <source>witnessed head</source>
        <comment>audit.field.witnessed</comment>
        <translation>已见证的日志头</translation>
    </message>
    <message>
        <source>tool certificate authority</source>
        <comment>audit.target.ca</comment>
        <translation>工具证书颁发机构</translation>
    </message>
    <message>
        <source>complaint</source>
        <comment>audit.target.complaint</comment>
        <translation>投诉</translation>
    </message>
    <message>
        <source>consent</source>
        <comment>audit.target.consent</comment>
        <translation>同意书</translation>
    </message>
    <message>
        <source>duty</source>
        <comment>audit.target.duty</comment>
        <translation>定时任务</translation>
    </message>
    <message>
        <source>export</source>
        <comment>audit.target.export</comment>
        <translation>导出</translation>
    </message>
    <message>
        <source>signing key</source>
        <comment>audit.target.key</comment>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>session</source>
        <comment>audit.target.session</comment>
        <translation>采集会话</translation>
    </message>
    <message>
        <source>setting</source>
        <comment>audit.target.setting</comment>
        <translation>设置项</translation>
    </message>
    <message>
        <source>staff account</source>
        <comment>audit.target.staff</comment>
        <translation>工作人员账户</translation>
    </message>
    <message>
        <source>station</source>
        <comment>audit.target.station</comment>
        <translation>工作站</translation>
    </message>
    <message>
        <source>studio</source>
        <comment>audit.target.studio</comment>
        <translation>工作室</translation>
    </message>
    <message>
        <source>subject</source>
        <comment>audit.target.subject</comment>
        <translation>当事人</translation>
    </message>
    <message>
        <source>token</source>
        <comment>audit.target.token</comment>
        <translation>令牌</translation>
    </message>
    <message>
        <source>generation tool</source>
        <comment>audit.target.tool</comment>
        <translation>生成工具</translation>
    </message>
    <message>
        <source>no speech recogniser for {language}</source>
        <comment>audit.value.asr_unavailable</comment>
        <translation>没有适用于 {language} 的语音识别器</translation>
    </message>
    <message>
        <source>approved assets</source>
        <comment>audit.value.binding.assets</comment>
        <translation>已批准的素材</translation>
    </message>
    <message>
        <source>face</source>
        <comment>audit.value.binding.face</comment>
        <translation>人脸</translation>
    </message>
    <message>
        <source>voice</source>
        <comment>audit.value.binding.voice</comment>
        <translation>声音</translation>
    </message>
    <message>
        <source>complaint</source>
        <comment>audit.value.cause.complaint</comment>
        <translation>投诉</translation>
    </message>
    <message>
        <source>biometric data erased</source>
        <comment>audit.value.cause.erasure</comment>
        <translation>生物特征数据已删除</translation>
    </message>
    <message>
        <source>revoked by staff</source>
        <comment>audit.value.cause.revocation</comment>
        <translation>工作人员撤销</translation>
    </message>
    <message>
        <source>consent withdrawn</source>
        <comment>audit.value.cause.withdrawal</comment>
        <translation>已撤回同意</translation>
    </message>
    <message>
        <source>name</source>
        <comment>audit.value.commitment.name</comment>
        <translation>姓名</translation>
    </message>
    <message>
        <source>unchanged</source>
        <comment>audit.value.database_key.unchanged</comment>
        <translation>未更改</translation>
    </message>
    <message>
        <source>erasure</source>
        <comment>audit.value.event.erasure</comment>
        <translation>删除生物特征数据</translation>
    </message>
    <message>
        <source>revocation</source>
        <comment>audit.value.event.revocation</comment>
        <translation>撤销令牌</translation>
    </message>
    <message>
        <source>token issued</source>
        <comment>audit.value.event.token_issue</comment>
        <translation>签发令牌</translation>
    </message>
    <message>
        <source>withdrawal</source>
        <comment>audit.value.event.withdrawal</comment>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>{count} entries, head {head}</source>
        <comment>audit.value.head</comment>
        <translation>共 {count} 条，日志头 {head}</translation>
    </message>
    <message>
        <source>days to acknowledge a complaint</source>
        <comment>audit.value.key.complaints.acknowledge_days</comment>
        <translation>投诉确认时限（天）</translation>
    </message>
    <message>
        <source>days to resolve a complaint</source>
        <comment>audit.value.key.complaints.resolve_days</comment>
        <translation>投诉处理时限（天）</translation>
    </message>
    <message>
        <source>face match threshold</source>
        <comment>audit.value.key.face.match_threshold</comment>
        <translation>人脸比对阈值</translation>
    </message>
    <message>
        <source>studio code</source>
        <comment>audit.value.key.studio.code</comment>
        <translation>工作室代码</translation>
    </message>
    <message>
        <source>status list validity (hours)</source>
        <comment>audit.value.key.tokens.status_list_hours</comment>
        <translation>状态列表有效期（小时）</translation>
    </message>
    <message>
        <source>voice match threshold</source>
        <comment>audit.value.key.voice.match_threshold</comment>
        <translation>声纹比对阈值</translation>
    </message>
    <message>
        <source>face</source>
        <comment>audit.value.kind.face</comment>
        <translation>人脸</translation>
    </message>
    <message>
        <source>ID document</source>
        <comment>audit.value.kind.id_document</comment>
        <translation>身份证件</translation>
    </message>
    <message>
        <source>spoken statement</source>
        <comment>audit.value.kind.statement</comment>
        <translation>口述声明</translation>
    </message>
    <message>
        <source>token revocation</source>
        <comment>audit.value.kind.token_revocation</comment>
        <translation>撤销令牌</translation>
    </message>
    <message>
        <source>tool revocation</source>
        <comment>audit.value.kind.tool_revocation</comment>
        <translation>撤销工具证书</translation>
    </message>
    <message>
        <source>voice</source>
        <comment>audit.value.kind.voice</comment>
        <translation>声音</translation>
    </message>
    <message>
        <source>withdrawal</source>
        <comment>audit.value.kind.withdrawal</comment>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>English</source>
        <comment>audit.value.language.en</comment>
        <translation>英语</translation>
    </message>
    <message>
        <source>Simplified Chinese</source>
        <comment>audit.value.language.zh_cn</comment>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>unknown or inactive account</source>
        <comment>audit.value.login.unknown_or_inactive_account</comment>
        <translation>账户不存在或已停用</translation>
    </message>
    <message>
        <source>wrong password</source>
        <comment>audit.value.login.wrong_password</comment>
        <translation>密码错误</translation>
    </message>
    <message>
        <source>live face against the enrolled face</source>
        <comment>audit.value.method.face_vs_enrolled</comment>
        <translation>现场人脸与已登记人脸比对</translation>
    </message>
    <message>
        <source>live face against the ID document</source>
        <comment>audit.value.method.face_vs_id_document</comment>
        <translation>现场人脸与身份证件比对</translation>
    </message>
    <message>
        <source>OS keyring</source>
        <comment>audit.value.protection.keyring</comment>
        <translation>操作系统密钥环</translation>
    </message>
    <message>
        <source>passphrase</source>
        <comment>audit.value.protection.passphrase</comment>
        <translation>密码短语</translation>
    </message>
    <message>
        <source>the enrolled face</source>
        <comment>audit.value.reference.enrolled</comment>
        <translation>已登记的人脸</translation>
    </message>
    <message>
        <source>the ID document</source>
        <comment>audit.value.reference.id_document</comment>
        <translation>身份证件</translation>
    </message>
    <message>
        <source>consent withdrawn</source>
        <comment>audit.value.revoke_reason.consent_withdrawn</comment>
        <translation>同意已撤回</translation>
    </message>
    <message>
        <source>token files could not be written</source>
        <comment>audit.value.revoke_reason.token_files_could_not_be_written</comment>
        <translation>令牌文件无法写入</translation>
    </message>
    <message>
        <source>withdrawn at another station before this token was issued</source>
        <comment>audit.value.revoke_reason.withdrawn_at_another_station_before_this_token_was_issued</comment>
        <translation>在本令牌签发之前，已在另一工作站撤回</translation>
    </message>
    <message>
        <source>biometric data erased: {reason}</source>
        <comment>audit.value.revoke_reason_erased</comment>
        <translation>生物特征数据已删除：{reason}</translation>
    </message>
    <message>
        <source>administrator</source>
        <comment>audit.value.role.admin</comment>
        <translation>管理员</translation>
    </message>
    <message>
        <source>scheduled duties</source>
        <comment>audit.value.role.duty</comment>
        <translation>定时任务账户</translation>
    </message>
    <message>
        <source>operator</source>
        <comment>audit.value.role.operator</comment>
        <translation>操作员</translation>
    </message>
    <message>
        <source>an administrator's password</source>
        <comment>audit.value.via.admin_password</comment>
        <translation>管理员密码</translation>
    </message>
    <message>
        <source>their own login</source>
        <comment>audit.value.via.login</comment>
        <translation>本人登录</translation>
    </message>
    <message>
        <source>the backup cannot overwrite the live database</source>
        <comment>backup.over_live</comment>
        <translation>备份不能覆盖正在使用的数据库</translation>
    </message>
    <message>
        <source>this subject's biometric data was erased; a token cannot bind to it</source>
        <comment>binding.erased</comment>
        <translation>该当事人的生物特征数据已被删除；令牌不能与之绑定</translation>
    </message>
    <message>
        <source>no captured face or voice sample of this subject to bind as assets</source>
        <comment>binding.no_assets</comment>
        <translation>该当事人没有可作为素材绑定的人脸或声音样本</translation>
    </message>
    <message>
        <source>no face template of this subject (never enrolled, or erased): cannot bind face</source>
        <comment>binding.no_face</comment>
        <translation>该当事人没有人脸模板（从未登记或已删除）：不能绑定人脸</translation>
    </message>
    <message>
        <source>no voice template of this subject (never enrolled, or erased): cannot bind voice</source>
        <comment>binding.no_voice</comment>
        <translation>该当事人没有声音模板（从未登记或已删除）：不能绑定声音</translation>
    </message>
    <message>
        <source>unknown subject {subject}</source>
        <comment>binding.unknown_subject</comment>
        <translation>未知的当事人 {subject}</translation>
    </message>
    <message>
        <source>this subject's biometric data was erased; start a new enrolment record</source>
        <comment>biometrics.erased</comment>
        <translation>该当事人的生物特征数据已被删除；请新建一条登记记录</translation>
    </message>
    <message>
        <source>the face and voice analysis process could not be started again: end the session and start the app again</source>
        <comment>biometrics.helper_not_restarted</comment>
        <translation>无法重新启动人脸与声音分析进程：请结束本次会话并重新启动应用</translation>
    </message>
    <message>
        <source>the face and voice analysis process stopped: capture is off until it runs again</source>
        <comment>biometrics.helper_stopped</comment>
        <translation>人脸与声音分析进程已停止：在其重新运行之前无法采集</translation>
    </message>
    <message>
        <source>unknown subject {subject}</source>
        <comment>biometrics.unknown_subject</comment>
        <translation>当事人 {subject} 不存在</translation>
    </message>
    <message>
        <source>{camera} cannot be opened (not connected, or in use by another program)</source>
        <comment>camera.cannot_open</comment>
        <translation>无法打开{camera}（未连接，或正被其他程序占用）</translation>
    </message>
    <message>
        <source>{camera} stopped delivering frames {when} (unplugged or taken by another program); reconnect it and start the capture again: what was captured is kept</source>
        <comment>camera.lost</comment>
        <translation>{camera}{when}停止输出画面（已拔出或被其他程序占用）；请重新连接后再开始采集，已采集的内容会保留</translation>
    </message>
    <message>
        <source>after {frames} frames</source>
        <comment>camera.lost_after</comment>
        <translation>在 {frames} 帧之后</translation>
    </message>
    <message>
        <source>before the first frame</source>
        <comment>camera.lost_before</comment>
        <translation>在第一帧之前</translation>
    </message>
    <message>
        <source>camera {index}</source>
        <comment>camera.name</comment>
        <translation>摄像头 {index}</translation>
    </message>
    <message>
        <source>unsupported language {language!r}; choose one of {choices}</source>
        <comment>category.bad_language</comment>
        <translation>不支持的语言 {language!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>unknown edit category {unknown}; known: {known}</source>
        <comment>category.unknown</comment>
        <translation>未知的编辑类别 {unknown}；已知类别：{known}</translation>
    </message>
    <message>
        <source>unknown edit categories {unknown}; known: {known}</source>
        <comment>category.unknown_several</comment>
        <translation>未知的编辑类别 {unknown}；已知类别：{known}</translation>
    </message>
    <message>
        <source>checkpoint {path} is not JSON: {reason}</source>
        <comment>checkpoint.not_json</comment>
        <translation>检查点 {path} 不是 JSON：{reason}</translation>
    </message>
    <message>
        <source>checkpoint rejected: {reason}</source>
        <comment>checkpoint.rejected</comment>
        <translation>检查点被拒绝：{reason}</translation>
    </message>
    <message>
        <source>the two entries differ</source>
        <comment>cli.entries_differ</comment>
        <translation>两次输入不一致</translation>
    </message>
    <message>
        <source>no OS keyring is available here; run init without --keyring to use a passphrase</source>
        <comment>cli.no_keyring_for_init</comment>
        <translation>此处没有可用的操作系统密钥环；请去掉 --keyring 运行 init，改用密码短语</translation>
    </message>
    <message>
        <source>no live token urn:uuid:{token} (unknown or already revoked)</source>
        <comment>cli.no_live_token</comment>
        <translation>没有有效的令牌 urn:uuid:{token}（不存在或已撤销）</translation>
    </message>
    <message>
        <source>give the reason for the revocation</source>
        <comment>cli.revoke_reason_needed</comment>
        <translation>请填写撤销的原因</translation>
    </message>
    <message>
        <source>{label} needed: set {env} or run in a terminal</source>
        <comment>cli.secret_needed</comment>
        <translation>需要{label}：请设置 {env}，或在终端中运行</translation>
    </message>
    <message>
        <source>--until {text} needs a time zone (e.g. 2027-01-31T18:00:00Z)</source>
        <comment>cli.until_no_zone</comment>
        <translation>--until {text} 需要带时区（例如 2027-01-31T18:00:00Z）</translation>
    </message>
    <message>
        <source>--until {text} is not a date (YYYY-MM-DD) or an RFC 3339 time</source>
        <comment>cli.until_not_date</comment>
        <translation>--until {text} 不是日期（YYYY-MM-DD）或 RFC 3339 时间</translation>
    </message>
    <message>
        <source>this command changes the store: give --user NAME (or set {env})</source>
        <comment>cli.user_needed</comment>
        <translation>此命令会修改存储：请用 --user NAME 指定用户（或设置 {env}）</translation>
    </message>
    <message>
        <source>attachment {media} of complaint {complaint} is kept at the studio station that received it; only its hash, kind and size are here</source>
        <comment>complaint.attachment_elsewhere</comment>
        <translation>投诉 {complaint} 的附件 {media} 保存在接收它的工作室工作站；此处只有其哈希、类型和大小</translation>
    </message>
    <message>
        <source>attachment {media} of complaint {complaint} was erased with the complaint's subject; only its hash, kind and size are kept</source>
        <comment>complaint.attachment_erased</comment>
        <translation>投诉 {complaint} 的附件 {media} 已随投诉所涉当事人一并删除；仅保留其哈希、类型和大小</translation>
    </message>
    <message>
        <source>unknown channel {channel!r} (one of: {choices})</source>
        <comment>complaint.bad_channel</comment>
        <translation>未知的渠道 {channel!r}（可选：{choices}）</translation>
    </message>
    <message>
        <source>unknown claim {claim!r} (one of: {choices})</source>
        <comment>complaint.bad_claim</comment>
        <translation>未知的主张 {claim!r}（可选：{choices}）</translation>
    </message>
    <message>
        <source>{setting} must be a whole number of days from 1 to 365, not {value}</source>
        <comment>complaint.bad_days</comment>
        <translation>{setting} 必须是 1 到 365 之间的整数天数，而不是 {value}</translation>
    </message>
    <message>
        <source>unknown link kind {kind!r} (one of: {choices})</source>
        <comment>complaint.bad_link_kind</comment>
        <translation>未知的关联类型 {kind!r}（可选：{choices}）</translation>
    </message>
    <message>
        <source>unknown complainant role {role!r} (one of: {choices})</source>
        <comment>complaint.bad_role</comment>
        <translation>未知的投诉人角色 {role!r}（可选：{choices}）</translation>
    </message>
    <message>
        <source>unknown complaint state {state!r} (one of: {choices})</source>
        <comment>complaint.bad_state</comment>
        <translation>未知的投诉状态 {state!r}（可选：{choices}）</translation>
    </message>
    <message>
        <source>complaint {complaint} is {state}; it cannot move to {target} (allowed: {allowed})</source>
        <comment>complaint.bad_transition</comment>
        <translation>投诉 {complaint} 处于 {state} 状态，不能转到 {target}（允许：{allowed}）</translation>
    </message>
    <message>
        <source>the URL must start with http:// or https:// ({url})</source>
        <comment>complaint.bad_url</comment>
        <translation>网址必须以 http:// 或 https:// 开头（{url}）</translation>
    </message>
    <message>
        <source>give the complainant's contact (e-mail, phone or address)</source>
        <comment>complaint.contact_missing</comment>
        <translation>请填写投诉人的联系方式（电子邮件、电话或地址）</translation>
    </message>
    <message>
        <source>{name}: not a readable e-mail message ({reason})</source>
        <comment>complaint.import_eml</comment>
        <translation>{name}：不是可读的电子邮件（{reason}）</translation>
    </message>
    <message>
        <source>{name}: not a valid web form submission ({reason})</source>
        <comment>complaint.import_json</comment>
        <translation>{name}：不是有效的网页表单提交（{reason}）</translation>
    </message>
    <message>
        <source>{name}: not a complaint file (give a .json web form submission or an .eml message)</source>
        <comment>complaint.import_kind</comment>
        <translation>{name}：不是投诉文件（请提供 .json 网页表单提交或 .eml 邮件）</translation>
    </message>
    <message>
        <source>{name}: no such file</source>
        <comment>complaint.import_missing</comment>
        <translation>{name}：文件不存在</translation>
    </message>
    <message>
        <source>{name}: larger than the {limit_mb} MB limit for an imported complaint</source>
        <comment>complaint.import_too_big</comment>
        <translation>{name}：超过导入投诉的 {limit_mb} MB 上限</translation>
    </message>
    <message>
        <source>{name}: the file is empty (0 bytes); attach the image, video or audio itself</source>
        <comment>complaint.media_empty</comment>
        <translation>{name}：文件为空（0 字节）；请附上图片、视频或音频本身</translation>
    </message>
    <message>
        <source>{name}: is a folder, not a media file</source>
        <comment>complaint.media_folder</comment>
        <translation>{name}：是文件夹，不是媒体文件</translation>
    </message>
    <message>
        <source>{name}: no such file</source>
        <comment>complaint.media_missing</comment>
        <translation>{name}：文件不存在</translation>
    </message>
    <message>
        <source>{name}: not an image, video or audio file (accepted: {accepted})</source>
        <comment>complaint.media_not_media</comment>
        <translation>{name}：不是图片、视频或音频文件（可接受：{accepted}）</translation>
    </message>
    <message>
        <source>{name}: larger than the {limit_mb} MB limit for an attachment</source>
        <comment>complaint.media_too_big</comment>
        <translation>{name}：超过附件的 {limit_mb} MB 上限</translation>
    </message>
    <message>
        <source>at most {limit} attachments per complaint</source>
        <comment>complaint.media_too_many</comment>
        <translation>每件投诉最多 {limit} 个附件</translation>
    </message>
    <message>
        <source>{name}: cannot read ({reason})</source>
        <comment>complaint.media_unreadable</comment>
        <translation>{name}：无法读取（{reason}）</translation>
    </message>
    <message>
        <source>give a note for this step (what was done or decided)</source>
        <comment>complaint.note_missing</comment>
        <translation>请为这一步填写说明（做了什么或作出了什么决定）</translation>
    </message>
    <message>
        <source>attach the disputed media or give its URL</source>
        <comment>complaint.nothing_disputed</comment>
        <translation>请附上有争议的媒体或提供其网址</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <comment>complaint.procedure_cannot_write</comment>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>{folder}: no such folder</source>
        <comment>complaint.procedure_no_folder</comment>
        <translation>{folder}：文件夹不存在</translation>
    </message>
    <message>
        <source>give the reason for this action</source>
        <comment>complaint.reason_missing</comment>
        <translation>请说明采取此措施的原因</translation>
    </message>
    <message>
        <source>complaint {complaint} failed verification and is refused: {problems}</source>
        <comment>complaint.tampered</comment>
        <translation>投诉 {complaint} 未通过校验，已拒绝：{problems}</translation>
    </message>
    <message>
        <source>the {field} is longer than {limit} characters</source>
        <comment>complaint.text_too_long</comment>
        <translation>{field}超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>token {token} is unknown or already revoked</source>
        <comment>complaint.token_not_revocable</comment>
        <translation>令牌 {token} 不存在或已被撤销</translation>
    </message>
    <message>
        <source>no complaint with id {complaint}</source>
        <comment>complaint.unknown</comment>
        <translation>没有 ID 为 {complaint} 的投诉</translation>
    </message>
    <message>
        <source>no consent with id {consent}</source>
        <comment>complaint.unknown_consent</comment>
        <translation>没有 ID 为 {consent} 的同意记录</translation>
    </message>
    <message>
        <source>complaint {complaint} has no link {link}</source>
        <comment>complaint.unknown_link</comment>
        <translation>投诉 {complaint} 没有关联 {link}</translation>
    </message>
    <message>
        <source>no subject with id {subject}</source>
        <comment>complaint.unknown_subject</comment>
        <translation>没有 ID 为 {subject} 的当事人</translation>
    </message>
    <message>
        <source>this consent is not marked demo but the database is a demo database</source>
        <comment>consent.demo_mismatch</comment>
        <translation>此同意未标记为演示，但数据库是演示数据库</translation>
    </message>
    <message>
        <source>consent {consent}: the subject's biometric data was erased; a token cannot be bound to the {binding} template any more</source>
        <comment>consent.erased_binding</comment>
        <translation>同意 {consent}：受试者的生物特征数据已删除；令牌不能再绑定 {binding} 模板</translation>
    </message>
    <message>
        <source>consent {consent}: stored state disagrees with its signed events ({detail})</source>
        <comment>consent.state_mismatch</comment>
        <translation>同意 {consent}：存储的状态与其签名事件不一致（{detail}）</translation>
    </message>
    <message>
        <source>no consent with id {consent}</source>
        <comment>consent.unknown</comment>
        <translation>没有 ID 为 {consent} 的同意记录</translation>
    </message>
    <message>
        <source>consent {consent} failed verification and is refused: {problems}</source>
        <comment>consent.unverified</comment>
        <translation>同意记录 {consent} 未通过校验，已拒绝：{problems}</translation>
    </message>
    <message>
        <source>audit entry {seq} ({action}) names {kind} {id}, which is gone</source>
        <comment>crosscheck.orphaned</comment>
        <translation>第 {seq} 条审计记录（{action}）所指的 {kind} {id} 已不存在</translation>
    </message>
    <message>
        <source>{kind} {id} has no audit entry (written behind the app's back?)</source>
        <comment>crosscheck.unaudited</comment>
        <translation>{kind} {id} 没有审计记录（是否绕过应用写入？）</translation>
    </message>
    <message>
        <source>database check failed: {problem}{more}</source>
        <comment>db.check_failed</comment>
        <translation>数据库检查未通过：{problem}{more}</translation>
    </message>
    <message>
        <source> (+{count} more)</source>
        <comment>db.check_more</comment>
        <translation>（另有 {count} 项）</translation>
    </message>
    <message>
        <source>{name} is damaged or truncated ({reason})</source>
        <comment>db.damaged</comment>
        <translation>{name} 已损坏或被截断（{reason}）</translation>
    </message>
    <message>
        <source>refusing to create a database over the existing file {path}</source>
        <comment>db.exists</comment>
        <translation>拒绝在已有文件 {path} 上创建数据库</translation>
    </message>
    <message>
        <source>no database at {path}</source>
        <comment>db.missing</comment>
        <translation>{path} 处没有数据库</translation>
    </message>
    <message>
        <source>{name} is truncated or damaged: its size {size} is not a whole number of pages</source>
        <comment>db.partial_page</comment>
        <translation>{name} 已被截断或损坏：其大小 {size} 不是整数个页</translation>
    </message>
    <message>
        <source>{name} is truncated: it should hold {pages} pages but the file has {found}</source>
        <comment>db.truncated</comment>
        <translation>{name} 已被截断：应有 {pages} 页，文件中只有 {found} 页</translation>
    </message>
    <message>
        <source>unsafe cipher settings: {problems}</source>
        <comment>db.unsafe_settings</comment>
        <translation>加密设置不安全：{problems}</translation>
    </message>
    <message>
        <source>the key does not decrypt {name} (wrong key, or its first page is damaged)</source>
        <comment>db.wrong_key</comment>
        <translation>该密钥无法解密 {name}（密钥错误，或其首页已损坏）</translation>
    </message>
    <message>
        <source>demo seed records an identity override (a still image cannot pass the liveness challenge), which needs an admin: log in as an admin</source>
        <comment>demo.admin_needed</comment>
        <translation>演示数据生成会记录一次身份核验放行（静态图片无法通过活体挑战），需要管理员执行：请以管理员身份登录</translation>
    </message>
    <message>
        <source>demo seed only runs on a demo database (made with `consent-app init --demo`); this one holds real consents</source>
        <comment>demo.real_store</comment>
        <translation>演示数据只能生成在演示数据库中（用 `consent-app init --demo` 创建）；此数据库保存的是真实同意记录</translation>
    </message>
    <message>
        <source>give at most two recordings: the voice sample, then the spoken statement</source>
        <comment>demo.too_many_recordings</comment>
        <translation>最多提供两段录音：先是声音样本，然后是口述声明</translation>
    </message>
    <message>
        <source>the camera is a file ({name}): outside a demo studio the live face is taken from a real camera</source>
        <comment>device.file_camera</comment>
        <translation>摄像头是一个文件（{name}）：非演示工作室必须用真实摄像头采集实时人脸</translation>
    </message>
    <message>
        <source>the microphone is a file ({name}): outside a demo studio the voice sample and the spoken statement are recorded from a real microphone</source>
        <comment>device.file_microphone</comment>
        <translation>麦克风是一个文件（{name}）：非演示工作室必须用真实麦克风录制声音样本和口述声明</translation>
    </message>
    <message>
        <source>unknown capture source {source!r} (camera, microphone or file)</source>
        <comment>device.unknown_source</comment>
        <translation>未知的采集来源 {source!r}（摄像头、麦克风或文件）</translation>
    </message>
    <message>
        <source>{field} must be a date as YYYY-MM-DD, not {value}</source>
        <comment>document.bad_date</comment>
        <translation>{field} 须为 YYYY-MM-DD 格式的日期，而不是 {value}</translation>
    </message>
    <message>
        <source>this document number is already recorded for subject {subject}: check this is not the same person under another name</source>
        <comment>document.duplicate</comment>
        <translation>此证件号码已登记在对象 {subject} 名下：请确认不是同一人以另一姓名登记</translation>
    </message>
    <message>
        <source>{field} cannot be empty</source>
        <comment>document.empty_value</comment>
        <translation>{field} 不能为空</translation>
    </message>
    <message>
        <source>the ID document expired on {expiry}: an administrator may override with a reason</source>
        <comment>document.expired</comment>
        <translation>该证件已于 {expiry} 过期：管理员可以说明理由后放行</translation>
    </message>
    <message>
        <source>the ID document gives the birth date {birth} (age {age}): a minor's consent is given by a guardian; choose the guardian as attester</source>
        <comment>document.minor</comment>
        <translation>证件上的出生日期为 {birth}（{age} 岁）：未成年人的同意须由监护人作出；请选择监护人作为签署人</translation>
    </message>
    <message>
        <source>the name typed ({typed}) differs from the name on the document ({document})</source>
        <comment>document.name_mismatch</comment>
        <translation>输入的姓名（{typed}）与证件上的姓名（{document}）不一致</translation>
    </message>
    <message>
        <source>read the ID document (or type the resident ID number) first</source>
        <comment>document.needs_document</comment>
        <translation>请先读取证件（或输入居民身份证号码）</translation>
    </message>
    <message>
        <source>no machine-readable zone read from the ID document photo ({reason}): type the resident ID number or check the details by hand</source>
        <comment>document.no_mrz</comment>
        <translation>未能从证件照片读取机读区（{reason}）：请输入居民身份证号码，或人工核对证件信息</translation>
    </message>
    <message>
        <source>the ID document shows one face: there is no portrait to confirm</source>
        <comment>document.no_portrait_choice</comment>
        <translation>证件上只有一张人脸：无需确认照片</translation>
    </message>
    <message>
        <source>{user} is an operator; only an administrator can accept an expired document</source>
        <comment>document.override_admin</comment>
        <translation>{user} 是操作员；只有管理员可以接受过期证件</translation>
    </message>
    <message>
        <source>the ID document has not expired: there is nothing to override</source>
        <comment>document.override_needs_expired</comment>
        <translation>该证件未过期：无需放行</translation>
    </message>
    <message>
        <source>give the reason for accepting the expired document (at least {minimum} characters)</source>
        <comment>document.override_reason</comment>
        <translation>请说明接受过期证件的理由（至少 {minimum} 个字符）</translation>
    </message>
    <message>
        <source>the ID document shows {faces} faces: the largest (at {box}) is taken as the holder's portrait; confirm it</source>
        <comment>document.portrait_choice</comment>
        <translation>证件上有 {faces} 张人脸：已取最大的一张（位于 {box}）作为持证人照片；请确认</translation>
    </message>
    <message>
        <source>{field} is not a document field that can be corrected</source>
        <comment>document.unknown_field</comment>
        <translation>{field} 不是可更正的证件字段</translation>
    </message>
    <message>
        <source>encrypted backup written to {path}</source>
        <comment>duty.backup_written</comment>
        <translation>加密备份已写入 {path}</translation>
    </message>
    <message>
        <source>{setting} must be between 1 and 720 hours, not {value}</source>
        <comment>duty.bad_hours</comment>
        <translation>{setting} 必须在 1 到 720 小时之间，不能是 {value}</translation>
    </message>
    <message>
        <source>checkpoint written to {path} ({count} entries)</source>
        <comment>duty.checkpoint_written</comment>
        <translation>检查点已写入 {path}（{count} 条记录）</translation>
    </message>
    <message>
        <source>{overdue} complaint(s) overdue, {due_soon} due within a day</source>
        <comment>duty.complaints_checked</comment>
        <translation>{overdue} 件投诉已逾期，{due_soon} 件将在一天内到期</translation>
    </message>
    <message>
        <source>the disk holding {path} is full</source>
        <comment>duty.disk_full</comment>
        <translation>存放 {path} 的磁盘已满</translation>
    </message>
    <message>
        <source>{duty} failed after {attempts} attempt(s): {reason}</source>
        <comment>duty.failed</comment>
        <translation>{duty} 在尝试 {attempts} 次后失败：{reason}</translation>
    </message>
    <message>
        <source>the {what} folder {folder} does not exist or is not a folder</source>
        <comment>duty.folder_missing</comment>
        <translation>{what}文件夹 {folder} 不存在或不是文件夹</translation>
    </message>
    <message>
        <source>no {what} folder is configured (consent-app duties configure --{option} DIR)</source>
        <comment>duty.folder_not_set</comment>
        <translation>尚未配置{what}文件夹（consent-app duties configure --{option} DIR）</translation>
    </message>
    <message>
        <source>backup</source>
        <comment>duty.name.backup</comment>
        <translation>备份</translation>
    </message>
    <message>
        <source>audit checkpoint</source>
        <comment>duty.name.checkpoint</comment>
        <translation>审计检查点</translation>
    </message>
    <message>
        <source>complaint deadlines</source>
        <comment>duty.name.complaints</comment>
        <translation>投诉时限检查</translation>
    </message>
    <message>
        <source>retention sweep</source>
        <comment>duty.name.retention</comment>
        <translation>保存期限清理</translation>
    </message>
    <message>
        <source>status list</source>
        <comment>duty.name.status_list</comment>
        <translation>状态列表</translation>
    </message>
    <message>
        <source>no password for the duty account {user}: give --password-file FILE, store it in the OS keyring (service consent_app.duty) or set CONSENT_APP_PASSWORD</source>
        <comment>duty.no_secret</comment>
        <translation>缺少值守账户 {user} 的密码：请提供 --password-file FILE、将其存入系统密钥环（服务 consent_app.duty）或设置 CONSENT_APP_PASSWORD</translation>
    </message>
    <message>
        <source>{duty}: not due yet</source>
        <comment>duty.not_due</comment>
        <translation>{duty}：尚未到期</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <comment>duty.os_error</comment>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>give the {what} folder as an absolute path, not {folder}</source>
        <comment>duty.relative_folder</comment>
        <translation>{what}文件夹须为绝对路径，不能是 {folder}</translation>
    </message>
    <message>
        <source>{count} subject(s) past their retention period erased</source>
        <comment>duty.retention_done</comment>
        <translation>已删除 {count} 位保存期已满的当事人的生物识别数据</translation>
    </message>
    <message>
        <source>{path}: cannot read the password file ({reason})</source>
        <comment>duty.secret_file_missing</comment>
        <translation>{path}：无法读取密码文件（{reason}）</translation>
    </message>
    <message>
        <source>{path}: the password file must be readable by its owner only (chmod 600) and belong to the user running the duties</source>
        <comment>duty.secret_file_open</comment>
        <translation>{path}：密码文件必须仅限其所有者读取（chmod 600），且属于运行值守任务的用户</translation>
    </message>
    <message>
        <source>status list written to {path}, valid until {until}</source>
        <comment>duty.status_written</comment>
        <translation>状态列表已写入 {path}，有效期至 {until}</translation>
    </message>
    <message>
        <source>give --user NAME (or set {env}) for the duty account</source>
        <comment>duty.user_needed</comment>
        <translation>请用 --user NAME 指定定时任务账户（或设置 {env}）</translation>
    </message>
    <message>
        <source>the key envelope {path} is damaged: {reason}; restore it from a backup (its .key.json file)</source>
        <comment>envelope.damaged</comment>
        <translation>密钥信封 {path} 已损坏：{reason}；请从备份（其 .key.json 文件）恢复</translation>
    </message>
    <message>
        <source>no key envelope at {path}; is this a consent_app data folder?</source>
        <comment>envelope.missing</comment>
        <translation>{path} 处没有密钥信封；这是 consent_app 的数据文件夹吗？</translation>
    </message>
    <message>
        <source>the key envelope names an unknown protection {protection}</source>
        <comment>envelope.unknown_protection</comment>
        <translation>密钥信封中的保护方式 {protection} 无法识别</translation>
    </message>
    <message>
        <source>no consent with id {consent}</source>
        <comment>event.no_consent</comment>
        <translation>没有编号为 {consent} 的同意</translation>
    </message>
    <message>
        <source>unknown event kind {kind}</source>
        <comment>event.unknown_kind</comment>
        <translation>未知的事件类型 {kind}</translation>
    </message>
    <message>
        <source>search among enrolled faces</source>
        <comment>evidence.face.duplicate_check</comment>
        <translation>在已登记人脸中搜索</translation>
    </message>
    <message>
        <source>ID document portrait</source>
        <comment>evidence.face.id_document</comment>
        <translation>身份证件人像</translation>
    </message>
    <message>
        <source>liveness challenge</source>
        <comment>evidence.face.liveness</comment>
        <translation>活体检测</translation>
    </message>
    <message>
        <source>live face vs ID document</source>
        <comment>evidence.face.verification</comment>
        <translation>现场人脸与身份证件比对</translation>
    </message>
    <message>
        <source>distance {value}</source>
        <comment>evidence.figure.distance</comment>
        <translation>距离 {value}</translation>
    </message>
    <message>
        <source>no match</source>
        <comment>evidence.figure.match_no</comment>
        <translation>不一致</translation>
    </message>
    <message>
        <source>match</source>
        <comment>evidence.figure.match_yes</comment>
        <translation>一致</translation>
    </message>
    <message>
        <source>model {value}</source>
        <comment>evidence.figure.model</comment>
        <translation>模型 {value}</translation>
    </message>
    <message>
        <source>nonce {value}</source>
        <comment>evidence.figure.nonce</comment>
        <translation>随机数 {value}</translation>
    </message>
    <message>
        <source>not passed</source>
        <comment>evidence.figure.passed_no</comment>
        <translation>未通过</translation>
    </message>
    <message>
        <source>passed</source>
        <comment>evidence.figure.passed_yes</comment>
        <translation>通过</translation>
    </message>
    <message>
        <source>result {value}</source>
        <comment>evidence.figure.result</comment>
        <translation>结果 {value}</translation>
    </message>
    <message>
        <source>score {value}</source>
        <comment>evidence.figure.score</comment>
        <translation>得分 {value}</translation>
    </message>
    <message>
        <source>similarity {value}</source>
        <comment>evidence.figure.similarity</comment>
        <translation>相似度 {value}</translation>
    </message>
    <message>
        <source>threshold {value}</source>
        <comment>evidence.figure.threshold</comment>
        <translation>阈值 {value}</translation>
    </message>
    <message>
        <source>word score {value}</source>
        <comment>evidence.figure.word_score</comment>
        <translation>词语得分 {value}</translation>
    </message>
    <message>
        <source>guardian vs the guardian's ID</source>
        <comment>evidence.guardian.verification</comment>
        <translation>监护人与其证件比对</translation>
    </message>
    <message>
        <source>evidence {evidence} does not match its hash</source>
        <comment>evidence.hash_mismatch</comment>
        <translation>证据 {evidence} 与其哈希值不符</translation>
    </message>
    <message>
        <source>ID document data</source>
        <comment>evidence.identity.document</comment>
        <translation>身份证件信息</translation>
    </message>
    <message>
        <source>administrator's override of the ID document check</source>
        <comment>evidence.session.document_override</comment>
        <translation>管理员放行证件核验</translation>
    </message>
    <message>
        <source>administrator's override of the identity check</source>
        <comment>evidence.session.identity_override</comment>
        <translation>管理员放行身份核验</translation>
    </message>
    <message>
        <source>staff countersignature</source>
        <comment>evidence.signature.staff</comment>
        <translation>工作人员会签</translation>
    </message>
    <message>
        <source>subject's signature</source>
        <comment>evidence.signature.subject</comment>
        <translation>当事人签名</translation>
    </message>
    <message>
        <source>no evidence {evidence}</source>
        <comment>evidence.unknown</comment>
        <translation>证据 {evidence} 不存在</translation>
    </message>
    <message>
        <source>voice sample</source>
        <comment>evidence.voice.enrolment</comment>
        <translation>声音样本</translation>
    </message>
    <message>
        <source>spoken statement</source>
        <comment>evidence.voice.statement</comment>
        <translation>口述声明</translation>
    </message>
    <message>
        <source>empty image: nothing to store</source>
        <comment>face.empty_image</comment>
        <translation>图片为空：没有可保存的内容</translation>
    </message>
    <message>
        <source>Face too small ({side:.0f} px, need {need}): move closer to the camera</source>
        <comment>face.face_too_small</comment>
        <translation>人脸太小（{side:.0f} 像素，需要 {need}）：请靠近摄像头</translation>
    </message>
    <message>
        <source>Looking away: face the camera directly (head tilted up/down)</source>
        <comment>face.looking_away_tilted</comment>
        <translation>没有正视：请正对摄像头（头部上仰或下低）</translation>
    </message>
    <message>
        <source>Looking away: face the camera directly (head turned)</source>
        <comment>face.looking_away_turned</comment>
        <translation>没有正视：请正对摄像头（头部偏转）</translation>
    </message>
    <message>
        <source>{count} faces in view: only the person giving consent may be in frame</source>
        <comment>face.multiple_faces</comment>
        <translation>画面中有 {count} 张人脸：只能有给予同意的人在画面中</translation>
    </message>
    <message>
        <source>No capture taken: {reason}</source>
        <comment>face.no_capture</comment>
        <translation>未能拍摄：{reason}</translation>
    </message>
    <message>
        <source>No face found: look at the camera</source>
        <comment>face.no_face</comment>
        <translation>未找到人脸：请看向摄像头</translation>
    </message>
    <message>
        <source>No capture taken: no frames were received</source>
        <comment>face.no_frames</comment>
        <translation>未能拍摄：没有收到画面</translation>
    </message>
    <message>
        <source>no portrait found on the ID document; photograph the whole document, flat, without glare</source>
        <comment>face.no_portrait</comment>
        <translation>证件上未找到人像照片；请拍摄整张证件，放平，避免反光</translation>
    </message>
    <message>
        <source>this subject has no enrolled face to verify against</source>
        <comment>face.nothing_enrolled</comment>
        <translation>该当事人没有已登记的人脸可供比对</translation>
    </message>
    <message>
        <source>face match threshold must be between {low} and {high}, not {value}</source>
        <comment>face.threshold_range</comment>
        <translation>人脸比对阈值必须在 {low} 到 {high} 之间，而不是 {value}</translation>
    </message>
    <message>
        <source>Image too blurred (sharpness {sharpness:.0f}, need {need:.0f}): hold still and check the focus</source>
        <comment>face.too_blurred</comment>
        <translation>图像太模糊（清晰度 {sharpness:.0f}，需要 {need:.0f}）：请保持不动并检查对焦</translation>
    </message>
    <message>
        <source>Face too bright (brightness {brightness:.0f}/255): reduce the light or move out of glare</source>
        <comment>face.too_bright</comment>
        <translation>人脸太亮（亮度 {brightness:.0f}/255）：请减弱光线或避开强光</translation>
    </message>
    <message>
        <source>Face too dark (brightness {brightness:.0f}/255): add light in front of the face</source>
        <comment>face.too_dark</comment>
        <translation>人脸太暗（亮度 {brightness:.0f}/255）：请在脸部前方补光</translation>
    </message>
    <message>
        <source>{what} {path} is empty</source>
        <comment>file.empty</comment>
        <translation>{what} {path} 是空的</translation>
    </message>
    <message>
        <source>cannot write {path}: the folder {folder} is not writable</source>
        <comment>file.folder_unwritable</comment>
        <translation>无法写入 {path}：文件夹 {folder} 不可写</translation>
    </message>
    <message>
        <source>{what} {path} is a folder, not a file</source>
        <comment>file.is_folder</comment>
        <translation>{what} {path} 是文件夹，不是文件</translation>
    </message>
    <message>
        <source>cannot write {path}: the folder {folder} does not exist</source>
        <comment>file.no_folder</comment>
        <translation>无法写入 {path}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>{what} not found: {path} (no such file)</source>
        <comment>file.not_found</comment>
        <translation>找不到{what}：{path}（文件不存在）</translation>
    </message>
    <message>
        <source>{what} {path} is not a regular file</source>
        <comment>file.not_regular</comment>
        <translation>{what} {path} 不是普通文件</translation>
    </message>
    <message>
        <source>{what} {path} is larger than {limit_mb} MB</source>
        <comment>file.too_large</comment>
        <translation>{what} {path} 超过 {limit_mb} MB</translation>
    </message>
    <message>
        <source>{what} {path}: cannot read ({reason})</source>
        <comment>file.unreadable</comment>
        <translation>{what} {path}：无法读取（{reason}）</translation>
    </message>
    <message>
        <source>cannot write {path} ({reason})</source>
        <comment>file.unwritable</comment>
        <translation>无法写入 {path}（{reason}）</translation>
    </message>
    <message>
        <source>the data folder {path} is writable by every user (mode {mode}); make it owner-only first: chmod 700 {path}</source>
        <comment>file.world_writable</comment>
        <translation>数据文件夹 {path} 所有用户都可写（权限 {mode}）；请先改为仅所有者可用：chmod 700 {path}</translation>
    </message>
    <message>
        <source>each {what} entry must be at most {limit} characters</source>
        <comment>form.entry_too_long</comment>
        <translation>每条{what}最多 {limit} 个字符</translation>
    </message>
    <message>
        <source>channel</source>
        <comment>form.field.channel</comment>
        <translation>渠道</translation>
    </message>
    <message>
        <source>prohibited use</source>
        <comment>form.field.prohibited_use</comment>
        <translation>禁止用途</translation>
    </message>
    <message>
        <source>territory</source>
        <comment>form.field.territory</comment>
        <translation>使用地域</translation>
    </message>
    <message>
        <source>the consent needs the label text that edited outputs must carry</source>
        <comment>form.marking_missing</comment>
        <translation>同意书需要填写编辑后的输出必须带有的标识文字</translation>
    </message>
    <message>
        <source>no edit category was chosen: the subject must opt in to at least one</source>
        <comment>form.no_category</comment>
        <translation>没有选择任何编辑类别：当事人必须至少同意一项</translation>
    </message>
    <message>
        <source>the consent needs a project name</source>
        <comment>form.project_missing</comment>
        <translation>同意书需要填写项目名称</translation>
    </message>
    <message>
        <source>the consent needs a purpose: say what the edits are for</source>
        <comment>form.purpose_missing</comment>
        <translation>同意书需要填写用途：说明编辑用于什么</translation>
    </message>
    <message>
        <source>the retention period of the biometric samples must be 1 to {days} days</source>
        <comment>form.retention_range</comment>
        <translation>生物特征样本的保存期限必须为 1 到 {days} 天</translation>
    </message>
    <message>
        <source>the consent needs a territory (where the edited media may be used)</source>
        <comment>form.territory_missing</comment>
        <translation>同意书需要填写使用地域（编辑后的媒体可在哪里使用）</translation>
    </message>
    <message>
        <source>the validity cannot start before the consent is given (it starts {start}); choose today or a later date</source>
        <comment>form.validity_backdated</comment>
        <translation>有效期不能早于给予同意之时（当前开始于 {start}）；请选择今天或以后的日期</translation>
    </message>
    <message>
        <source>the validity {which} must be a date and time with a time zone</source>
        <comment>form.validity_no_zone</comment>
        <translation>有效期的{which}必须是带时区的日期时间</translation>
    </message>
    <message>
        <source>the validity has already ended ({end})</source>
        <comment>form.validity_over</comment>
        <translation>有效期已经结束（{end}）</translation>
    </message>
    <message>
        <source>the validity ends ({end}) before it starts ({start})</source>
        <comment>form.validity_reversed</comment>
        <translation>有效期的结束时间（{end}）早于开始时间（{start}）</translation>
    </message>
    <message>
        <source>a consent may last at most {days} days</source>
        <comment>form.validity_too_long</comment>
        <translation>一项同意最长 {days} 天</translation>
    </message>
    <message>
        <source>the consent needs a withdrawal contact (how the subject can withdraw)</source>
        <comment>form.withdrawal_missing</comment>
        <translation>同意书需要填写撤回联系方式（当事人如何撤回）</translation>
    </message>
    <message>
        <source>identity field {field} has no value for subject {subject}</source>
        <comment>identity.no_value</comment>
        <translation>身份字段 {field} 对受试者 {subject} 没有值</translation>
    </message>
    <message>
        <source>identity field {field} has no registered reader; register_field() it first</source>
        <comment>identity.unknown_field</comment>
        <translation>身份字段 {field} 没有注册读取函数；请先调用 register_field()</translation>
    </message>
    <message>
        <source>{name}: {format} header is damaged or truncated ({reason})</source>
        <comment>image.bad_header</comment>
        <translation>{name}：{format} 文件头已损坏或不完整（{reason}）</translation>
    </message>
    <message>
        <source>{name}: {format} image data is damaged ({reason})</source>
        <comment>image.damaged</comment>
        <translation>{name}：{format} 图像数据已损坏（{reason}）</translation>
    </message>
    <message>
        <source>{name}: file is empty (0 bytes)</source>
        <comment>image.empty</comment>
        <translation>{name}：文件为空（0 字节）</translation>
    </message>
    <message>
        <source>{name}: HEIC/HEIF photos are not supported; export it as JPEG</source>
        <comment>image.heic</comment>
        <translation>{name}：不支持 HEIC/HEIF 照片；请导出为 JPEG</translation>
    </message>
    <message>
        <source>{name}: image has no pixels ({width}×{height})</source>
        <comment>image.no_pixels</comment>
        <translation>{name}：图像没有像素（{width}×{height}）</translation>
    </message>
    <message>
        <source>{name}: image is {width}×{height} ({mp:.0f} MP), larger than the {limit:.0f} MP limit; scale it down first</source>
        <comment>image.too_large</comment>
        <translation>{name}：图像为 {width}×{height}（{mp:.0f} 百万像素），超过 {limit:.0f} 百万像素的上限；请先缩小</translation>
    </message>
    <message>
        <source>{name}: image is {width}×{height} ({mp:.0f} MP), too large even at 1/8 scale; scale it down first</source>
        <comment>image.too_large_scaled</comment>
        <translation>{name}：图像为 {width}×{height}（{mp:.0f} 百万像素），即使缩小到 1/8 仍然太大；请先缩小</translation>
    </message>
    <message>
        <source>{name}: {format} file is truncated (the image data ends early); copy or export the photo again</source>
        <comment>image.truncated</comment>
        <translation>{name}：{format} 文件不完整（图像数据提前结束）；请重新复制或导出照片</translation>
    </message>
    <message>
        <source>{name}: not a recognised image (expected JPEG, PNG, WebP, BMP, TIFF or GIF)</source>
        <comment>image.unknown_format</comment>
        <translation>{name}：无法识别的图像（应为 JPEG、PNG、WebP、BMP、TIFF 或 GIF）</translation>
    </message>
    <message>
        <source>the OS keyring holds no key for this store (was it made on another account or machine?); restore the keyring entry or use a backup</source>
        <comment>key.keyring_empty</comment>
        <translation>系统钥匙串中没有此存储的密钥（是否是在另一个账户或另一台机器上创建的？）；请恢复钥匙串条目或使用备份</translation>
    </message>
    <message>
        <source>the key in the OS keyring does not unlock this store</source>
        <comment>key.keyring_wrong</comment>
        <translation>系统钥匙串中的密钥无法解锁此存储</translation>
    </message>
    <message>
        <source>this store has no active signing key</source>
        <comment>key.no_active</comment>
        <translation>此存储没有可用的签名密钥</translation>
    </message>
    <message>
        <source>no OS keyring is available on this machine; protect the store with a passphrase instead</source>
        <comment>key.no_keyring</comment>
        <translation>本机没有可用的操作系统密钥环；请改用密码短语保护存储</translation>
    </message>
    <message>
        <source>the passphrase is empty</source>
        <comment>key.passphrase_empty</comment>
        <translation>密码短语为空</translation>
    </message>
    <message>
        <source>this store is protected by a passphrase; give it (or set {env})</source>
        <comment>key.passphrase_needed</comment>
        <translation>此存储受密码短语保护；请输入密码短语（或设置 {env}）</translation>
    </message>
    <message>
        <source>wrong passphrase: it does not unlock this store</source>
        <comment>key.wrong_passphrase</comment>
        <translation>密码短语错误：无法解锁此存储</translation>
    </message>
    <message>
        <source>blink</source>
        <comment>liveness.action.blink</comment>
        <translation>眨眼</translation>
    </message>
    <message>
        <source>nod</source>
        <comment>liveness.action.nod</comment>
        <translation>点头</translation>
    </message>
    <message>
        <source>turn left</source>
        <comment>liveness.action.turn_left</comment>
        <translation>向左转头</translation>
    </message>
    <message>
        <source>turn right</source>
        <comment>liveness.action.turn_right</comment>
        <translation>向右转头</translation>
    </message>
    <message>
        <source>the session ended before the challenge was completed</source>
        <comment>liveness.ended_early</comment>
        <translation>挑战尚未完成，检测就已结束</translation>
    </message>
    <message>
        <source>the face was captured again after the liveness challenge: run the challenge again with the new capture</source>
        <comment>liveness.face_recaptured</comment>
        <translation>活体挑战之后重新采集了人脸：请用新的采集结果重新进行活体挑战</translation>
    </message>
    <message>
        <source>{reason}; the face did not move at all (photo or frozen image?)</source>
        <comment>liveness.face_still</comment>
        <translation>{reason}；人脸全程没有任何动作（可能是照片或静止画面）</translation>
    </message>
    <message>
        <source>capture the live face before the liveness challenge: every challenge frame is compared with it</source>
        <comment>liveness.needs_face</comment>
        <translation>请先采集实时人脸再进行活体挑战：挑战中的每一帧都会与它比对</translation>
    </message>
    <message>
        <source>no blink within {seconds:.0f} s</source>
        <comment>liveness.no_blink</comment>
        <translation>{seconds:.0f} 秒内未检测到眨眼</translation>
    </message>
    <message>
        <source>no nod within {seconds:.0f} s</source>
        <comment>liveness.no_nod</comment>
        <translation>{seconds:.0f} 秒内未检测到点头</translation>
    </message>
    <message>
        <source>no turn left within {seconds:.0f} s</source>
        <comment>liveness.no_turn_left</comment>
        <translation>{seconds:.0f} 秒内未检测到向左转头</translation>
    </message>
    <message>
        <source>no turn right within {seconds:.0f} s</source>
        <comment>liveness.no_turn_right</comment>
        <translation>{seconds:.0f} 秒内未检测到向右转头</translation>
    </message>
    <message>
        <source>no usable face was seen (one face, close enough to the camera)</source>
        <comment>liveness.no_usable_face</comment>
        <translation>未检测到可用的人脸（画面中只能有一张人脸，且须离摄像头足够近）</translation>
    </message>
    <message>
        <source>the liveness challenge was not checked against this session's captured face: run it again</source>
        <comment>liveness.not_bound</comment>
        <translation>此活体挑战未与本次会话采集的人脸比对：请重新进行</translation>
    </message>
    <message>
        <source>the face at {t:.1f} s of the challenge is not the captured face (distance {distance:.3f}, threshold {threshold:.3f}): the person who was captured must do the challenge</source>
        <comment>liveness.other_person</comment>
        <translation>挑战第 {t:.1f} 秒的人脸不是已采集的人脸（距离 {distance:.3f}，阈值 {threshold:.3f}）：必须由被采集的本人完成挑战</translation>
    </message>
    <message>
        <source>no frame of the step {step} could be compared with the captured face</source>
        <comment>liveness.step_not_compared</comment>
        <translation>步骤 {step} 没有任何一帧能与已采集的人脸进行比对</translation>
    </message>
    <message>
        <source>time limit of {seconds:.0f} s reached</source>
        <comment>liveness.time_limit</comment>
        <translation>已超过 {seconds:.0f} 秒的时限</translation>
    </message>
    <message>
        <source>{faces} faces were in view at {t:.1f} s of the challenge: only the subject may be in front of the camera</source>
        <comment>liveness.two_faces</comment>
        <translation>挑战第 {t:.1f} 秒画面中有 {faces} 张人脸：镜头前只能有被采集者本人</translation>
    </message>
    <message>
        <source>the content producer code {value!r} must be printable ASCII</source>
        <comment>mark.bad_producer</comment>
        <translation>内容制作者代码 {value!r} 必须是可打印的 ASCII 字符</translation>
    </message>
    <message>
        <source>cannot check the token's {what} binding here: {detail}</source>
        <comment>mark.binding_unchecked</comment>
        <translation>这里无法检查令牌的{what}绑定：{detail}</translation>
    </message>
    <message>
        <source>the C2PA manifest could not be signed: {detail}</source>
        <comment>mark.c2pa_failed</comment>
        <translation>无法签署 C2PA 清单：{detail}</translation>
    </message>
    <message>
        <source>{what} is damaged or truncated ({detail})</source>
        <comment>mark.corrupt</comment>
        <translation>{what}已损坏或被截断（{detail}）</translation>
    </message>
    <message>
        <source>{path} cannot be decoded as {format}: {detail}</source>
        <comment>mark.decode</comment>
        <translation>{path} 无法按 {format} 解码：{detail}</translation>
    </message>
    <message>
        <source>{path} is empty (0 bytes)</source>
        <comment>mark.empty</comment>
        <translation>{path} 是空文件（0 字节）</translation>
    </message>
    <message>
        <source>the output's face does not match the token's face binding ({detail})</source>
        <comment>mark.face_mismatch</comment>
        <translation>输出中的人脸与令牌的人脸绑定不符（{detail}）</translation>
    </message>
    <message>
        <source>{path} is a {actual} file, but its name says {named}</source>
        <comment>mark.format_mismatch</comment>
        <translation>{path} 是 {actual} 文件，但文件名表明是 {named}</translation>
    </message>
    <message>
        <source>{path}: not a supported format (supported: {supported})</source>
        <comment>mark.format_unknown</comment>
        <translation>{path}：不支持的格式（支持：{supported}）</translation>
    </message>
    <message>
        <source>marking {format} needs PyAV, built against an LGPL FFmpeg with openh264: install the verifier with [mark,video] and --no-binary av (README, Licensing of video)</source>
        <comment>mark.needs_av</comment>
        <translation>标记 {format} 需要 PyAV，且须针对启用 openh264 的 LGPL FFmpeg 构建：请以 [mark,video] 和 --no-binary av 安装验证器（见 README“Licensing of video”）</translation>
    </message>
    <message>
        <source>this PyAV's FFmpeg has no {codec} encoder: install PyAV built from source against an LGPL FFmpeg with --enable-libopenh264 (README, Licensing of video)</source>
        <comment>mark.no_encoder</comment>
        <translation>此 PyAV 的 FFmpeg 没有 {codec} 编码器：请安装从源码针对启用 --enable-libopenh264 的 LGPL FFmpeg 构建的 PyAV（见 README“Licensing of video”）</translation>
    </message>
    <message>
        <source>{path} already exists; marking never overwrites a file</source>
        <comment>mark.out_exists</comment>
        <translation>{path} 已存在；添加标识时绝不覆盖文件</translation>
    </message>
    <message>
        <source>--out {path} must be a {format} file like the input</source>
        <comment>mark.out_format</comment>
        <translation>--out {path} 必须与输入一样是 {format} 文件</translation>
    </message>
    <message>
        <source>--out must differ from --in</source>
        <comment>mark.same_file</comment>
        <translation>--out 必须与 --in 不同</translation>
    </message>
    <message>
        <source>source {path} is not one of the token's approved assets</source>
        <comment>mark.source_not_approved</comment>
        <translation>源文件 {path} 不在令牌批准的素材之中</translation>
    </message>
    <message>
        <source>{path} is larger than the {limit} MB limit</source>
        <comment>mark.too_large</comment>
        <translation>{path} 超过 {limit} MB 的上限</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <comment>mark.unreadable</comment>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>the output's voice does not match the token's voice binding ({detail})</source>
        <comment>mark.voice_mismatch</comment>
        <translation>输出中的声音与令牌的声音绑定不符（{detail}）</translation>
    </message>
    <message>
        <source>MRZ read, but the {field} {value} is not a date</source>
        <comment>mrz.bad_date</comment>
        <translation>已读取机读区（MRZ），但{field} {value} 不是有效日期</translation>
    </message>
    <message>
        <source>{source}: the text read is not a TD1, TD2 or TD3 machine-readable zone</source>
        <comment>mrz.bad_layout</comment>
        <translation>{source}：读到的文字不是 TD1、TD2 或 TD3 格式的机读区</translation>
    </message>
    <message>
        <source>{source} is blank: no print at all, so no MRZ to read</source>
        <comment>mrz.blank_page</comment>
        <translation>{source} 是空白页：没有任何印刷内容，因此没有可读取的机读区</translation>
    </message>
    <message>
        <source>MRZ read, but check digits fail: {fields}</source>
        <comment>mrz.check_failed</comment>
        <translation>已读取机读区（MRZ），但校验位不符：{fields}</translation>
    </message>
    <message>
        <source>no machine-readable zone (MRZ) found in {source}</source>
        <comment>mrz.not_found</comment>
        <translation>在 {source} 中未找到机读区（MRZ）</translation>
    </message>
    <message>
        <source>tesseract could not read the MRZ band: {reason}</source>
        <comment>mrz.ocr_failed</comment>
        <translation>tesseract 无法读取机读区：{reason}</translation>
    </message>
    <message>
        <source>tesseract OCR is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-eng)</source>
        <comment>mrz.ocr_missing</comment>
        <translation>未安装 tesseract OCR（Debian：apt-get install tesseract-ocr tesseract-ocr-eng）</translation>
    </message>
    <message>
        <source>this store keeps its key in the OS keyring; there is no passphrase to change</source>
        <comment>passphrase.not_passphrase_store</comment>
        <translation>此存储的密钥保存在操作系统密钥环中；没有可更改的口令</translation>
    </message>
    <message>
        <source>the new passphrase is the same as the current one</source>
        <comment>passphrase.same</comment>
        <translation>新口令与当前口令相同</translation>
    </message>
    <message>
        <source>the store passphrase is too weak: use at least {min_chars} characters or at least {min_words} words (it protects every biometric sample and signing key in the store)</source>
        <comment>passphrase.weak</comment>
        <translation>存储口令太弱：请至少使用 {min_chars} 个字符或至少 {min_words} 个词（它保护存储中的每个生物特征样本和签名密钥）</translation>
    </message>
    <message>
        <source>{number}: {value} is not a birth date</source>
        <comment>prc_id.birth_date</comment>
        <translation>{number}：{value} 不是有效的出生日期</translation>
    </message>
    <message>
        <source>a resident ID number is 17 digits and a final digit or X; {number} is not</source>
        <comment>prc_id.characters</comment>
        <translation>居民身份证号码由 17 位数字和 1 位数字或 X 组成；{number} 不符合</translation>
    </message>
    <message>
        <source>{number}: check character is {found}, the number's MOD 11-2 check character is {expected} (typing error?)</source>
        <comment>prc_id.check_char</comment>
        <translation>{number}：校验码为 {found}，按 MOD 11-2 计算应为 {expected}（是否输入有误？）</translation>
    </message>
    <message>
        <source>{number}: the birth date {value} is in the future</source>
        <comment>prc_id.future_birth</comment>
        <translation>{number}：出生日期 {value} 在未来</translation>
    </message>
    <message>
        <source>a resident ID number has 18 characters; {number} has {length}</source>
        <comment>prc_id.length</comment>
        <translation>居民身份证号码为 18 位；{number} 为 {length} 位</translation>
    </message>
    <message>
        <source>{number}: {region} is not a province code (11-82) of an address code</source>
        <comment>prc_id.region</comment>
        <translation>{number}：{region} 不是地址码中的省级代码（11–82）</translation>
    </message>
    <message>
        <source>face matches enrolled subject {subject} (distance {distance:.3f}, threshold {threshold})</source>
        <comment>provenance.face_match</comment>
        <translation>人脸与已登记当事人 {subject} 匹配（距离 {distance:.3f}，阈值 {threshold}）</translation>
    </message>
    <message>
        <source>face matches subject {subject} enrolled at station {station} (distance {distance:.3f}, threshold {threshold})</source>
        <comment>provenance.face_match_at</comment>
        <translation>人脸与在工作站 {station} 登记的当事人 {subject} 匹配（距离 {distance:.3f}，阈值 {threshold}）</translation>
    </message>
    <message>
        <source>no face found in the searched {what}</source>
        <comment>provenance.no_faces</comment>
        <translation>在所搜索的{what}中未找到人脸</translation>
    </message>
    <message>
        <source>no enrolled subject matches</source>
        <comment>provenance.no_subject</comment>
        <translation>没有匹配的已登记当事人</translation>
    </message>
    <message>
        <source>voice not searched: {reason}</source>
        <comment>provenance.no_voice</comment>
        <translation>未搜索声音：{reason}</translation>
    </message>
    <message>
        <source>faces not searched: the {what} cannot be decoded ({reason})</source>
        <comment>provenance.not_decoded</comment>
        <translation>未检索人脸：无法解码该{what}（{reason}）</translation>
    </message>
    <message>
        <source>matches usage receipt {produce} ({how})</source>
        <comment>provenance.receipt_match</comment>
        <translation>与使用回执 {produce} 匹配（{how}）</translation>
    </message>
    <message>
        <source>voice matches enrolled subject {subject} (similarity {similarity:.3f}, threshold {threshold})</source>
        <comment>provenance.voice_match</comment>
        <translation>声音与已登记当事人 {subject} 匹配（相似度 {similarity:.3f}，阈值 {threshold}）</translation>
    </message>
    <message>
        <source>voice matches subject {subject} enrolled at station {station} (similarity {similarity:.3f}, threshold {threshold})</source>
        <comment>provenance.voice_match_at</comment>
        <translation>声音与在工作站 {station} 登记的当事人 {subject} 匹配（相似度 {similarity:.3f}，阈值 {threshold}）</translation>
    </message>
    <message>
        <source>the receipt font is missing: {path}</source>
        <comment>receipt.font_missing</comment>
        <translation>缺少回执所用的字体：{path}</translation>
    </message>
    <message>
        <source>not a usage receipt ({detail})</source>
        <comment>receipt.malformed</comment>
        <translation>不是使用回执（{detail}）</translation>
    </message>
    <message>
        <source>{folder}: no such folder</source>
        <comment>receipt.no_folder</comment>
        <translation>{folder}：文件夹不存在</translation>
    </message>
    <message>
        <source>consent {consent} has no withdrawal</source>
        <comment>receipt.no_withdrawal</comment>
        <translation>同意书 {consent} 没有撤回记录</translation>
    </message>
    <message>
        <source>consent {consent} has no withdrawal number {seq}</source>
        <comment>receipt.no_withdrawal_number</comment>
        <translation>同意书 {consent} 没有第 {seq} 次撤回</translation>
    </message>
    <message>
        <source>{path}: a receipt is a PDF file; give a name ending in .pdf</source>
        <comment>receipt.not_pdf</comment>
        <translation>{path}：回执是 PDF 文件，文件名须以 .pdf 结尾</translation>
    </message>
    <message>
        <source>the receipt's signature does not verify with its tool certificate</source>
        <comment>receipt.signature</comment>
        <translation>回执的签名无法用其工具证书验证</translation>
    </message>
    <message>
        <source>{what} failed verification and is refused: {reason}</source>
        <comment>record.refused</comment>
        <translation>{what}未通过核验，已被拒绝：{reason}</translation>
    </message>
    <message>
        <source>{option}: {value!r} is not a date (YYYY-MM-DD) or an RFC 3339 time</source>
        <comment>records.bad_date</comment>
        <translation>{option}：{value!r} 不是日期（YYYY-MM-DD）或 RFC 3339 时间</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason} (nothing was written)</source>
        <comment>records.cannot_write</comment>
        <translation>无法写入 {path}：{reason}（未写入任何内容）</translation>
    </message>
    <message>
        <source>{path}: is a folder; give the name of the .zip file to write</source>
        <comment>records.exists_dir</comment>
        <translation>{path}：是文件夹；请给出要写入的 .zip 文件名</translation>
    </message>
    <message>
        <source>{folder}: no such folder; create it first (nothing was written)</source>
        <comment>records.no_folder</comment>
        <translation>{folder}：文件夹不存在；请先创建（未写入任何内容）</translation>
    </message>
    <message>
        <source>{path}: the export is a .zip file; give a name ending in .zip</source>
        <comment>records.not_zip</comment>
        <translation>{path}：导出文件是 .zip 文件；请给出以 .zip 结尾的文件名</translation>
    </message>
    <message>
        <source>the period is reversed: --from {start} is after --to {end}</source>
        <comment>records.reversed</comment>
        <translation>时间段颠倒了：--from {start} 晚于 --to {end}</translation>
    </message>
    <message>
        <source>the backup {backup} is older than a head this store already witnessed ({witness_source}: {witness_count} audit entries; backup: {backup_count}{diverged}): restoring it would undo recorded changes such as withdrawals. Nothing was replaced. Restore a newer backup, or give --force --reason TEXT if you must</source>
        <comment>restore.behind_witness</comment>
        <translation>备份 {backup} 比本存储已见证的头部更旧（{witness_source}：{witness_count} 条审计记录；备份：{backup_count}{diverged}）：恢复它会撤销已记录的变更，例如撤回。未替换任何内容。请恢复更新的备份，或在必要时使用 --force --reason 说明</translation>
    </message>
    <message>
        <source>the backup's audit chain is broken at entry {seq}: {reason}; nothing was replaced</source>
        <comment>restore.chain_broken</comment>
        <translation>备份的审计链在第 {seq} 条处断裂：{reason}；未替换任何内容</translation>
    </message>
    <message>
        <source>the backup is damaged ({reason}); nothing was replaced</source>
        <comment>restore.damaged</comment>
        <translation>备份已损坏（{reason}）；未替换任何内容</translation>
    </message>
    <message>
        <source>the backup fails its integrity check ({problem}); nothing was replaced</source>
        <comment>restore.integrity</comment>
        <translation>备份未通过完整性检查（{problem}）；未替换任何内容</translation>
    </message>
    <message>
        <source>the backup is damaged or does not match its key ({reason}); nothing was replaced</source>
        <comment>restore.key_mismatch</comment>
        <translation>备份已损坏或与其密钥不匹配（{reason}）；未替换任何内容</translation>
    </message>
    <message>
        <source>the backup comes from a newer consent_app; nothing was replaced</source>
        <comment>restore.newer</comment>
        <translation>备份来自更新版本的 consent_app；未替换任何内容</translation>
    </message>
    <message>
        <source>no key envelope for {name}: expected {expected}</source>
        <comment>restore.no_envelope</comment>
        <translation>{name} 没有对应的密钥信封：应为 {expected}</translation>
    </message>
    <message>
        <source>no backup file at {path}</source>
        <comment>restore.no_file</comment>
        <translation>{path} 处没有备份文件</translation>
    </message>
    <message>
        <source>the backup does not match its key envelope; nothing was replaced</source>
        <comment>restore.other_envelope</comment>
        <translation>备份与其密钥信封不匹配；未替换任何内容</translation>
    </message>
    <message>
        <source>this backup belongs to another store; restore it into an empty data folder</source>
        <comment>restore.other_store</comment>
        <translation>此备份属于另一个存储；请将其恢复到一个空的数据文件夹</translation>
    </message>
    <message>
        <source>--force needs --reason TEXT (it is written into the audit trail)</source>
        <comment>restore.reason_needed</comment>
        <translation>--force 需要 --reason 说明（会写入审计记录）</translation>
    </message>
    <message>
        <source>the store's head anchor cannot be checked ({reason}); nothing was replaced. Give --force --reason TEXT to restore anyway</source>
        <comment>restore.witness_unreadable</comment>
        <translation>无法检查存储的头部锚点（{reason}）；未替换任何内容。如仍要恢复，请使用 --force --reason 说明</translation>
    </message>
    <message>
        <source>schema migrations are not numbered 1..n: {versions}</source>
        <comment>schema.misnumbered</comment>
        <translation>数据库结构迁移的编号不是 1..n：{versions}</translation>
    </message>
    <message>
        <source>this store has schema version {version}, newer than this app knows ({known}); update consent_app</source>
        <comment>schema.newer</comment>
        <translation>此存储的结构版本为 {version}，比本应用所知的版本（{known}）更新；请升级 consent_app</translation>
    </message>
    <message>
        <source>{user}'s account is inactive</source>
        <comment>session.account_inactive</comment>
        <translation>{user} 的账户已停用</translation>
    </message>
    <message>
        <source>enter the agent's name</source>
        <comment>session.agent_name_missing</comment>
        <translation>请输入代理人的姓名</translation>
    </message>
    <message>
        <source>enter the agent's authority (e.g. the power of attorney reference)</source>
        <comment>session.authority_missing</comment>
        <translation>请输入代理人的授权依据（例如授权委托书编号）</translation>
    </message>
    <message>
        <source>cannot go to {step}: {problems}</source>
        <comment>session.cannot_enter</comment>
        <translation>无法进入“{step}”：{problems}</translation>
    </message>
    <message>
        <source>cannot finish: {problems}</source>
        <comment>session.cannot_finish</comment>
        <translation>无法完成：{problems}</translation>
    </message>
    <message>
        <source>{problems}</source>
        <comment>session.categories_unavailable</comment>
        <translation>{problems}</translation>
    </message>
    <message>
        <source>{category}: {reason}</source>
        <comment>session.category_unavailable</comment>
        <translation>{category}：{reason}</translation>
    </message>
    <message>
        <source>draw the liveness challenge first</source>
        <comment>session.challenge_first</comment>
        <translation>请先生成活体检测动作</translation>
    </message>
    <message>
        <source>this capture session is {state}; start a new one</source>
        <comment>session.closed</comment>
        <translation>本次采集会话{state}；请开始新的会话</translation>
    </message>
    <message>
        <source>the session completes only through finish()</source>
        <comment>session.complete_via_finish</comment>
        <translation>会话只能通过完成操作结束</translation>
    </message>
    <message>
        <source>only the logged-in staff member ({user}) can countersign</source>
        <comment>session.countersign_operator_only</comment>
        <translation>只有已登录的工作人员（{user}）可以会签</translation>
    </message>
    <message>
        <source>this face matches the enrolled subject {name!r} ({subject}, distance {distance:.3f}): check this is not the same person under another name</source>
        <comment>session.duplicate_face</comment>
        <translation>此人脸与已登记的当事人 {name!r}（{subject}，距离 {distance:.3f}）匹配：请确认不是同一人使用了另一个名字</translation>
    </message>
    <message>
        <source>this subject's biometric data was erased during the session: register them as a new subject</source>
        <comment>session.erased_during_session</comment>
        <translation>该当事人的生物特征数据在会话期间被删除：请将其登记为新的当事人</translation>
    </message>
    <message>
        <source>the live face does not match the ID document (distance {distance:.3f}, threshold {threshold:.3f})</source>
        <comment>session.face_mismatch</comment>
        <translation>现场人脸与身份证件不一致（距离 {distance:.3f}，阈值 {threshold:.3f}）</translation>
    </message>
    <message>
        <source>face edits need the face verification (live face matching the ID document)</source>
        <comment>session.face_unavailable</comment>
        <translation>人脸编辑需要通过人脸核验（现场人脸与身份证件一致）</translation>
    </message>
    <message>
        <source>this is the first step</source>
        <comment>session.first_step</comment>
        <translation>这已经是第一步</translation>
    </message>
    <message>
        <source>this liveness challenge was not drawn by this session</source>
        <comment>session.foreign_challenge</comment>
        <translation>此活体检测动作不是本次会话生成的</translation>
    </message>
    <message>
        <source>complete the consent form first</source>
        <comment>session.form_first</comment>
        <translation>请先填写同意书</translation>
    </message>
    <message>
        <source>the guardian's face does not match the guardian's ID (distance {distance:.3f}, threshold {threshold:.3f})</source>
        <comment>session.guardian_mismatch</comment>
        <translation>监护人的人脸与其证件不一致（距离 {distance:.3f}，阈值 {threshold:.3f}）</translation>
    </message>
    <message>
        <source>enter the guardian's name</source>
        <comment>session.guardian_name_missing</comment>
        <translation>请输入监护人的姓名</translation>
    </message>
    <message>
        <source>the guardian's face has not been checked against the guardian's ID</source>
        <comment>session.guardian_not_checked</comment>
        <translation>监护人的人脸尚未与监护人的证件核对</translation>
    </message>
    <message>
        <source>only a guardian attester is verified separately</source>
        <comment>session.guardian_only</comment>
        <translation>只有监护人签署时才单独核验签署人</translation>
    </message>
    <message>
        <source>a guardian signs only for a minor: mark the subject as a minor</source>
        <comment>session.guardian_only_for_minor</comment>
        <translation>监护人只能为未成年人签署：请将当事人标记为未成年人</translation>
    </message>
    <message>
        <source>capture the ID document before the live face</source>
        <comment>session.id_document_first</comment>
        <translation>请先拍摄身份证件，再拍摄现场人脸</translation>
    </message>
    <message>
        <source>the identity check has not passed: {problems} (an admin may override with a reason)</source>
        <comment>session.identity_not_passed</comment>
        <translation>身份核验未通过：{problems}（管理员可以说明理由后放行）</translation>
    </message>
    <message>
        <source>the last step is finish(): it writes the consent</source>
        <comment>session.last_step</comment>
        <translation>这是最后一步：完成时写入同意记录</translation>
    </message>
    <message>
        <source>the liveness challenge failed</source>
        <comment>session.liveness_failed</comment>
        <translation>活体检测未通过</translation>
    </message>
    <message>
        <source>the liveness challenge failed: {reason}</source>
        <comment>session.liveness_failed_because</comment>
        <translation>活体检测未通过：{reason}</translation>
    </message>
    <message>
        <source>the liveness challenge has not been done</source>
        <comment>session.liveness_not_done</comment>
        <translation>尚未进行活体检测</translation>
    </message>
    <message>
        <source>a minor's consent is given by a guardian: choose the guardian as attester</source>
        <comment>session.minor_needs_guardian</comment>
        <translation>未成年人的同意由监护人作出：请选择监护人作为签署人</translation>
    </message>
    <message>
        <source>enter the subject's name</source>
        <comment>session.name_missing</comment>
        <translation>请输入当事人的姓名</translation>
    </message>
    <message>
        <source>the subject's name is longer than {limit} characters</source>
        <comment>session.name_too_long</comment>
        <translation>当事人的姓名超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>complete the consent form</source>
        <comment>session.need_form</comment>
        <translation>请填写同意书</translation>
    </message>
    <message>
        <source>capture or import a photo of the subject's ID document</source>
        <comment>session.need_id_document</comment>
        <translation>请拍摄或导入当事人身份证件的照片</translation>
    </message>
    <message>
        <source>capture the subject's live face</source>
        <comment>session.need_live_face</comment>
        <translation>请拍摄当事人的现场人脸</translation>
    </message>
    <message>
        <source>enter the subject's details first</source>
        <comment>session.need_subject</comment>
        <translation>请先填写当事人信息</translation>
    </message>
    <message>
        <source>the live face has not been compared with the ID document yet</source>
        <comment>session.not_compared</comment>
        <translation>现场人脸尚未与身份证件比对</translation>
    </message>
    <message>
        <source>the staff member has not countersigned</source>
        <comment>session.not_countersigned</comment>
        <translation>工作人员尚未会签</translation>
    </message>
    <message>
        <source>this capture is not an ID-document photo</source>
        <comment>session.not_id_document</comment>
        <translation>这不是身份证件照片</translation>
    </message>
    <message>
        <source>this capture is not a live face capture</source>
        <comment>session.not_live_face</comment>
        <translation>这不是现场人脸拍摄</translation>
    </message>
    <message>
        <source>the subject (or guardian/agent) has not signed</source>
        <comment>session.not_signed</comment>
        <translation>当事人（或监护人/代理人）尚未签名</translation>
    </message>
    <message>
        <source>this recording is not a voice sample</source>
        <comment>session.not_voice_sample</comment>
        <translation>这段录音不是声音样本</translation>
    </message>
    <message>
        <source>this liveness result checked other actions than the challenge drawn</source>
        <comment>session.other_actions</comment>
        <translation>此活体检测结果检查的动作与生成的不同</translation>
    </message>
    <message>
        <source>this liveness result is not for the challenge drawn in this session</source>
        <comment>session.other_challenge</comment>
        <translation>此活体检测结果不属于本次会话生成的动作</translation>
    </message>
    <message>
        <source>the statement was checked against another phrase than the one drawn</source>
        <comment>session.other_phrase</comment>
        <translation>声明核验所用的短语与生成的不同</translation>
    </message>
    <message>
        <source>{user} is an operator; only an admin can override the identity check</source>
        <comment>session.override_admin_only</comment>
        <translation>{user} 是操作员；只有管理员可以放行未通过的身份核验</translation>
    </message>
    <message>
        <source>an override needs the identity check to have been made (capture the live face)</source>
        <comment>session.override_needs_check</comment>
        <translation>放行前需要先进行身份核验（拍摄现场人脸）</translation>
    </message>
    <message>
        <source>the identity check passed; there is nothing to override</source>
        <comment>session.override_not_needed</comment>
        <translation>身份核验已通过，无需放行</translation>
    </message>
    <message>
        <source>give the reason for the override (at least {minimum} characters)</source>
        <comment>session.override_reason</comment>
        <translation>请填写放行理由（至少 {minimum} 个字符）</translation>
    </message>
    <message>
        <source>enter the guardian's relationship to the minor</source>
        <comment>session.relationship_missing</comment>
        <translation>请输入监护人与未成年人的关系</translation>
    </message>
    <message>
        <source>this face does not match the face enrolled for this subject before (distance {distance:.3f}, threshold {threshold:.3f})</source>
        <comment>session.returning_mismatch</comment>
        <translation>此人脸与该当事人以前登记的人脸不一致（距离 {distance:.3f}，阈值 {threshold:.3f}）</translation>
    </message>
    <message>
        <source>completed</source>
        <comment>session.state.completed</comment>
        <translation>已完成</translation>
    </message>
    <message>
        <source>discarded</source>
        <comment>session.state.discarded</comment>
        <translation>已放弃</translation>
    </message>
    <message>
        <source>incomplete</source>
        <comment>session.state.incomplete</comment>
        <translation>未完成</translation>
    </message>
    <message>
        <source>open</source>
        <comment>session.state.open</comment>
        <translation>进行中</translation>
    </message>
    <message>
        <source>the statement text changed since it was shown; draw it again</source>
        <comment>session.statement_changed</comment>
        <translation>声明文字在显示后被更改；请重新生成</translation>
    </message>
    <message>
        <source>voice edits need a spoken statement that passed: {problems}</source>
        <comment>session.statement_failed</comment>
        <translation>声音编辑需要通过核验的口述声明：{problems}</translation>
    </message>
    <message>
        <source>draw the statement the subject reads before recording it</source>
        <comment>session.statement_first</comment>
        <translation>录音前请先生成当事人要朗读的声明</translation>
    </message>
    <message>
        <source>voice edits need the spoken consent statement</source>
        <comment>session.statement_missing</comment>
        <translation>声音编辑需要口述的同意声明</translation>
    </message>
    <message>
        <source>complete</source>
        <comment>session.step.complete</comment>
        <translation>完成</translation>
    </message>
    <message>
        <source>consent form</source>
        <comment>session.step.consent_form</comment>
        <translation>同意书</translation>
    </message>
    <message>
        <source>ID document</source>
        <comment>session.step.id_document</comment>
        <translation>身份证件</translation>
    </message>
    <message>
        <source>live face</source>
        <comment>session.step.live_face</comment>
        <translation>现场人脸</translation>
    </message>
    <message>
        <source>staff countersignature</source>
        <comment>session.step.staff_countersign</comment>
        <translation>工作人员会签</translation>
    </message>
    <message>
        <source>subject details</source>
        <comment>session.step.subject_details</comment>
        <translation>当事人信息</translation>
    </message>
    <message>
        <source>subject's signature</source>
        <comment>session.step.subject_signature</comment>
        <translation>当事人签名</translation>
    </message>
    <message>
        <source>voice</source>
        <comment>session.step.voice</comment>
        <translation>声音</translation>
    </message>
    <message>
        <source>this subject's biometric data was erased: register them as a new subject</source>
        <comment>session.subject_erased</comment>
        <translation>该当事人的生物特征数据已被删除：请将其登记为新的当事人</translation>
    </message>
    <message>
        <source>subject {subject} no longer exists</source>
        <comment>session.subject_gone</comment>
        <translation>当事人 {subject} 已不存在</translation>
    </message>
    <message>
        <source>the terms shown are not the current terms: show them again</source>
        <comment>session.terms_changed</comment>
        <translation>显示的条款不是当前的条款：请重新显示</translation>
    </message>
    <message>
        <source>the subject has not confirmed reading the terms</source>
        <comment>session.terms_not_confirmed</comment>
        <translation>当事人尚未确认已阅读条款</translation>
    </message>
    <message>
        <source>no subject with id {subject}</source>
        <comment>session.unknown_subject</comment>
        <translation>没有 ID 为 {subject} 的当事人</translation>
    </message>
    <message>
        <source>record the voice sample and draw the statement first</source>
        <comment>session.voice_and_statement_first</comment>
        <translation>请先录制声音样本并生成声明</translation>
    </message>
    <message>
        <source>record the voice sample before the spoken statement</source>
        <comment>session.voice_first</comment>
        <translation>请先录制声音样本，再录制口述声明</translation>
    </message>
    <message>
        <source>voice edits need a voice sample and the spoken statement</source>
        <comment>session.voice_missing</comment>
        <translation>声音编辑需要声音样本和口述声明</translation>
    </message>
    <message>
        <source>the statement was not spoken by the voice-sample speaker (similarity {similarity:.3f}, threshold {threshold:.3f})</source>
        <comment>session.wrong_speaker</comment>
        <translation>声明不是由声音样本的说话人说的（相似度 {similarity:.3f}，阈值 {threshold:.3f}）</translation>
    </message>
    <message>
        <source>this can only be done at the {steps} step (the session is at {step})</source>
        <comment>session.wrong_step</comment>
        <translation>此操作只能在“{steps}”步骤进行（会话当前在“{step}”步骤）</translation>
    </message>
    <message>
        <source>the spoken words do not match the statement with this session's phrase (score {score})</source>
        <comment>session.wrong_words</comment>
        <translation>说出的内容与包含本次短语的声明不符（得分 {score}）</translation>
    </message>
    <message>
        <source>the password must have at least {minimum} characters</source>
        <comment>setup.password_too_short</comment>
        <translation>密码至少需要 {minimum} 个字符</translation>
    </message>
    <message>
        <source>the studio needs a name</source>
        <comment>setup.studio_name_missing</comment>
        <translation>工作室需要一个名称</translation>
    </message>
    <message>
        <source>the studio needs a name</source>
        <comment>setup.studio_name_needed</comment>
        <translation>请填写工作室名称</translation>
    </message>
    <message>
        <source>a username uses letters, digits, '.', '_' or '-' only</source>
        <comment>setup.username_invalid</comment>
        <translation>用户名只能使用字母、数字、“.”、“_”或“-”</translation>
    </message>
    <message>
        <source>{user} is an operator; this needs an admin</source>
        <comment>staff.admin_only</comment>
        <translation>{user} 是操作员；此操作需要管理员</translation>
    </message>
    <message>
        <source>a username uses letters, digits, '.', '_' or '-' only</source>
        <comment>staff.bad_username</comment>
        <translation>用户名只能包含字母、数字、“.”、“_”或“-”</translation>
    </message>
    <message>
        <source>{user} is a duty account: it can run scheduled duties and nothing else</source>
        <comment>staff.duty_only</comment>
        <translation>{user} 是值守账户：只能运行定时任务，不能做其他操作</translation>
    </message>
    <message>
        <source>a staff account named {username!r} already exists</source>
        <comment>staff.exists</comment>
        <translation>已存在名为 {username!r} 的工作人员账户</translation>
    </message>
    <message>
        <source>{username} is the last active administrator; make another account an administrator (or activate one) first</source>
        <comment>staff.last_admin</comment>
        <translation>{username} 是最后一个在用的管理员；请先把另一个账户设为管理员（或启用一个）</translation>
    </message>
    <message>
        <source>account {username!r} is locked after too many failed logins until {until}</source>
        <comment>staff.locked</comment>
        <translation>账户 {username!r} 因多次登录失败已被锁定，直到 {until}</translation>
    </message>
    <message>
        <source>{user} cannot run duties (needs the duty or admin role)</source>
        <comment>staff.not_duty</comment>
        <translation>{user} 不能运行值守任务（需要值守或管理员角色）</translation>
    </message>
    <message>
        <source>wrong password; account {username!r} is now locked until {until}</source>
        <comment>staff.now_locked</comment>
        <translation>密码错误；账户 {username!r} 现已被锁定，直到 {until}</translation>
    </message>
    <message>
        <source>the password must have at least {minimum} characters</source>
        <comment>staff.password_short</comment>
        <translation>密码至少需要 {minimum} 个字符</translation>
    </message>
    <message>
        <source>no staff account named {username}</source>
        <comment>staff.unknown</comment>
        <translation>没有名为 {username} 的员工账户</translation>
    </message>
    <message>
        <source>wrong username or password</source>
        <comment>staff.wrong_login</comment>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <source>record the spoken statement before attesting it</source>
        <comment>statement.attest_nothing</comment>
        <translation>请先录制口述声明，再进行证明</translation>
    </message>
    <message>
        <source>{staff}'s account is inactive</source>
        <comment>statement.attester_inactive</comment>
        <translation>{staff} 的账户已停用</translation>
    </message>
    <message>
        <source>{staff} runs this session: another staff member must attest that the subject read the words</source>
        <comment>statement.attester_is_operator</comment>
        <translation>{staff} 正在主持本次会话：必须由另一名工作人员证明受试者读出了这些词语</translation>
    </message>
    <message>
        <source>the session phrase is empty</source>
        <comment>statement.empty_phrase</comment>
        <translation>本次会话的朗读短语为空</translation>
    </message>
    <message>
        <source>the face on camera while the statement was spoken is not the captured face (distance {distance:.3f}, threshold {threshold:.3f})</source>
        <comment>statement.face_mismatch</comment>
        <translation>口述声明时镜头中的人脸不是已采集的人脸（距离 {distance:.3f}，阈值 {threshold:.3f}）</translation>
    </message>
    <message>
        <source>the statement recording is cut from the voice sample ({share:.0%} of it found there, correlation {correlation:.2f}): record the statement live, reading this session's words</source>
        <comment>statement.inside_sample</comment>
        <translation>声明录音截取自声音样本（其中 {share:.0%} 在样本中找到，相关系数 {correlation:.2f}）：请现场录制声明，读出本次会话的词语</translation>
    </message>
    <message>
        <source>there is no recogniser for {language}: a staff member other than the operator must attest that the subject read this session's words</source>
        <comment>statement.needs_attestation</comment>
        <translation>没有 {language} 的语音识别器：必须由主持会话者以外的一名工作人员证明受试者读出了本次会话的词语</translation>
    </message>
    <message>
        <source>no face was in view while the statement was spoken</source>
        <comment>statement.no_face</comment>
        <translation>口述声明时镜头中没有人脸</translation>
    </message>
    <message>
        <source>no camera frame was compared with the captured face while the statement was spoken: record it with the camera running</source>
        <comment>statement.no_face_frames</comment>
        <translation>口述声明时没有任何摄像头画面与已采集的人脸比对：请在摄像头开启时录制</translation>
    </message>
    <message>
        <source>no consent statement text for language {language}; available: {available}</source>
        <comment>statement.no_text</comment>
        <translation>没有语言 {language} 的同意声明文本；可用语言：{available}</translation>
    </message>
    <message>
        <source>the statement was not spoken by the voice-sample speaker (similarity {similarity:.3f}, threshold {threshold:.3f})</source>
        <comment>statement.other_speaker</comment>
        <translation>声明不是声音样本的说话人所说（相似度 {similarity:.3f}，阈值 {threshold:.3f}）</translation>
    </message>
    <message>
        <source>the spoken words do not match the statement with this session's phrase (score {score})</source>
        <comment>statement.other_words</comment>
        <translation>所说的词语与含本次会话词语的声明不符（得分 {score}）</translation>
    </message>
    <message>
        <source>a {language} statement's words are checked by the recogniser: no attestation is needed</source>
        <comment>statement.recogniser_decides</comment>
        <translation>{language} 声明的词语由语音识别器检查：无需证明</translation>
    </message>
    <message>
        <source>the statement recording is the voice sample itself (identical audio): record the statement live, reading this session's words</source>
        <comment>statement.same_as_sample</comment>
        <translation>声明录音就是声音样本本身（音频相同）：请现场录制声明，读出本次会话的词语</translation>
    </message>
    <message>
        <source>{faces} faces were in view while the statement was spoken: only the subject may be in front of the camera</source>
        <comment>statement.two_faces</comment>
        <translation>口述声明时镜头中有 {faces} 张人脸：镜头前只能有受试者本人</translation>
    </message>
    <message>
        <source>unknown attestation method {via}</source>
        <comment>statement.unknown_method</comment>
        <translation>未知的确认方式 {via}</translation>
    </message>
    <message>
        <source>status list validity must be 0 &lt; hours &lt;= 744, not {hours}</source>
        <comment>status.bad_validity</comment>
        <translation>状态列表的有效期必须大于 0 且不超过 744 小时，而不是 {hours}</translation>
    </message>
    <message>
        <source>setting {setting} must be 0 &lt; hours &lt;= 744, not {hours}</source>
        <comment>status.bad_validity_setting</comment>
        <translation>设置项 {setting} 必须大于 0 且不超过 744 小时，而不是 {hours}</translation>
    </message>
    <message>
        <source>status list {list}: entry {index} was published as revoked and is no longer revoked in this store; a revocation is never undone, so nothing is exported (the store may have been rolled back or edited: run `consent-app audit verify`)</source>
        <comment>status.revocation_cleared</comment>
        <translation>状态列表 {list}：第 {index} 项曾作为已撤销发布，但本存储中已不再是撤销状态；撤销永不取消，因此未导出任何内容（存储可能被回滚或改动过：请运行 `consent-app audit verify`）</translation>
    </message>
    <message>
        <source>{db} does not hold the history its head anchor names (audit entry {anchor_count} differs): the audit trail was rewritten. Nothing was written; restore the newest backup with `consent-app restore FILE`, then run `consent-app audit verify --witness` on the status lists and checkpoints you published to see what is missing</source>
        <comment>store.anchor_diverged</comment>
        <translation>{db} 不包含其头部锚点所指的历史（第 {anchor_count} 条审计记录不同）：审计记录被改写过。未写入任何内容；请用 `consent-app restore FILE` 恢复最新的备份，然后对已发布的状态列表和检查点运行 `consent-app audit verify --witness`，查看缺少了什么</translation>
    </message>
    <message>
        <source>the head anchor {anchor} is damaged or not signed by this store ({reason}). Nothing was written; restore the newest backup with `consent-app restore FILE`, then run `consent-app audit verify --witness` on the status lists and checkpoints you published to see what is missing</source>
        <comment>store.anchor_invalid</comment>
        <translation>头部锚点 {anchor} 已损坏或不是由本存储签名（{reason}）。未写入任何内容；请用 `consent-app restore FILE` 恢复最新的备份，然后对已发布的状态列表和检查点运行 `consent-app audit verify --witness`，查看缺少了什么</translation>
    </message>
    <message>
        <source>the head anchor {anchor} is missing although this store keeps one: {db} may be an old copy, or the folder was tampered with. Nothing was written; bring the anchor back if you moved the store without it, or restore the newest backup with `consent-app restore FILE`, then run `consent-app audit verify --witness` on the status lists and checkpoints you published to see what is missing</source>
        <comment>store.anchor_missing</comment>
        <translation>头部锚点 {anchor} 不见了，而本存储本应保留它：{db} 可能是旧副本，或文件夹被篡改。未写入任何内容；如果移动存储时没带上锚点，请把它放回，否则请用 `consent-app restore FILE` 恢复最新的备份，然后对已发布的状态列表和检查点运行 `consent-app audit verify --witness`，查看缺少了什么</translation>
    </message>
    <message>
        <source>{db} is older than its head anchor (database: {db_count} audit entries; anchor: {anchor_count}, written {written_at}): it was rolled back, pages were copied back or an old copy was put in place. Nothing was written; restore the newest backup with `consent-app restore FILE`, then run `consent-app audit verify --witness` on the status lists and checkpoints you published to see what is missing</source>
        <comment>store.anchor_rolled_back</comment>
        <translation>{db} 比其头部锚点更旧（数据库：{db_count} 条审计记录；锚点：{anchor_count} 条，写于 {written_at}）：它被回滚过、页面被复制回去或被换成了旧副本。未写入任何内容；请用 `consent-app restore FILE` 恢复最新的备份，然后对已发布的状态列表和检查点运行 `consent-app audit verify --witness`，查看缺少了什么</translation>
    </message>
    <message>
        <source>{name} is damaged or was tampered with ({reason})</source>
        <comment>store.damaged</comment>
        <translation>{name} 已损坏或被篡改（{reason}）</translation>
    </message>
    <message>
        <source>{folder} has the key envelope of a store in use ({count} audit entries) but no {db}: restore the database with `consent-app restore FILE`; nothing was created</source>
        <comment>store.db_missing</comment>
        <translation>{folder} 中有一个在用存储的密钥信封（{count} 条审计记录），但没有 {db}：请用 `consent-app restore FILE` 恢复数据库；未创建任何内容</translation>
    </message>
    <message>
        <source>the database and its key envelope belong to different stores</source>
        <comment>store.envelope_mismatch</comment>
        <translation>数据库与其密钥信封不属于同一个存储</translation>
    </message>
    <message>
        <source>{path} already holds a consent_app store; refusing to overwrite it</source>
        <comment>store.exists</comment>
        <translation>{path} 中已有 consent_app 存储；拒绝覆盖</translation>
    </message>
    <message>
        <source>the data folder {path} is already in use by another consent_app instance; close it first</source>
        <comment>store.in_use</comment>
        <translation>数据文件夹 {path} 正被另一个 consent_app 实例使用；请先关闭它</translation>
    </message>
    <message>
        <source>{folder} holds an incomplete store ({what}), left by an interrupted `consent-app init`; it holds no consent. Remove it with `consent-app db discard-incomplete`, then run `consent-app init` again</source>
        <comment>store.incomplete</comment>
        <translation>{folder} 中有一个不完整的存储（{what}），是中断的 `consent-app init` 留下的；其中没有任何同意记录。请用 `consent-app db discard-incomplete` 删除它，然后重新运行 `consent-app init`</translation>
    </message>
    <message>
        <source>{folder} holds a used database ({count} audit entries) without its key envelope: that is not an interrupted init. Nothing was removed; put back {envelope} from a backup (FILE.key.json beside it) to open it</source>
        <comment>store.lost_envelope</comment>
        <translation>{folder} 中有一个已在使用的数据库（{count} 条审计记录），但缺少其密钥信封：这不是中断的初始化。未删除任何内容；请从备份中放回 {envelope}（备份旁的 FILE.key.json）后再打开</translation>
    </message>
    <message>
        <source>no consent_app store in {path} (run `consent-app init` first)</source>
        <comment>store.missing</comment>
        <translation>{path} 中没有 consent_app 存储（请先运行 `consent-app init`）</translation>
    </message>
    <message>
        <source>{folder} holds a complete store; discard-incomplete removes only what an interrupted init left behind</source>
        <comment>store.not_incomplete</comment>
        <translation>{folder} 中是一个完整的存储；discard-incomplete 只删除中断的初始化留下的内容</translation>
    </message>
    <message>
        <source>choose a protection for the database key: a passphrase or the OS keyring</source>
        <comment>store.protection_needed</comment>
        <translation>请为数据库密钥选择保护方式：密码短语或操作系统密钥环</translation>
    </message>
    <message>
        <source>{count} object(s) signed with the key of revoked station {station} after its revocation (the revoker had seen up to #{cut}) were refused: the key may be in someone else's hands</source>
        <comment>studio.after_revocation</comment>
        <translation>已拒绝 {count} 个在撤销之后用已撤销工作站 {station} 的密钥签名的对象（撤销者当时看到 #{cut} 为止）：该密钥可能已落入他人之手</translation>
    </message>
    <message>
        <source>administrator {admin} has already approved station {station}</source>
        <comment>studio.already_approved</comment>
        <translation>管理员 {admin} 已批准过工作站 {station}</translation>
    </message>
    <message>
        <source>this station already belongs to studio {studio}</source>
        <comment>studio.already_linked</comment>
        <translation>本工作站已属于工作室 {studio}</translation>
    </message>
    <message>
        <source>the studio code must be 1-32 printable ASCII characters without spaces</source>
        <comment>studio.bad_code</comment>
        <translation>工作室代码必须是 1 到 32 个不含空格的可打印 ASCII 字符</translation>
    </message>
    <message>
        <source>setting {setting} must be 0 &lt; minutes &lt;= 1440, not {minutes}</source>
        <comment>studio.bad_fresh_setting</comment>
        <translation>设置 {setting} 必须满足 0 &lt; 分钟 &lt;= 1440，而不是 {minutes}</translation>
    </message>
    <message>
        <source>--interval must be more than 0 seconds, not {value}</source>
        <comment>studio.bad_interval</comment>
        <translation>--interval 必须大于 0 秒，而不是 {value}</translation>
    </message>
    <message>
        <source>complaint {complaint} was moved at this station and at station {station} at once (step {seq}): a closing step wins, otherwise the branch with more steps; it is now {state}; both notes are kept</source>
        <comment>studio.complaint_conflict</comment>
        <translation>投诉 {complaint} 在本工作站和工作站 {station} 同时被处理（第 {seq} 步）：结案步骤优先，否则以步骤较多的分支为准；现为 {state}；两条备注都已保留</translation>
    </message>
    <message>
        <source>complaint {complaint} from station {station} is refused: its signed intake does not verify ({reason})</source>
        <comment>studio.complaint_refused</comment>
        <translation>来自工作站 {station} 的投诉 {complaint} 被拒绝：其签名的受理记录无法验证（{reason}）</translation>
    </message>
    <message>
        <source>the personal fields of complaint {complaint} shared by station {station} do not open with the subject's key: they are left out</source>
        <comment>studio.complaint_unreadable</comment>
        <translation>工作站 {station} 共享的投诉 {complaint} 的个人字段无法用当事人的密钥打开：已略去</translation>
    </message>
    <message>
        <source>the database at {where} already holds studio {found}: run `consent-app studio join DSN` to add this station to it, or give an empty database to found a new studio</source>
        <comment>studio.db_taken</comment>
        <translation>{where} 上的数据库已属于工作室 {found}：要把本工作站加入其中，请运行 `consent-app studio join DSN`；要创建新工作室，请提供一个空数据库</translation>
    </message>
    <message>
        <source>the studio database address is not a PostgreSQL connection string: {reason}</source>
        <comment>studio.dsn_invalid</comment>
        <translation>工作室数据库地址不是 PostgreSQL 连接字符串：{reason}</translation>
    </message>
    <message>
        <source>the database at {where} holds no studio yet: create one with `consent-app studio create DSN` at the founding station</source>
        <comment>studio.empty_db</comment>
        <translation>{where} 上的数据库还没有工作室：请在创始工作站运行 `consent-app studio create DSN` 创建</translation>
    </message>
    <message>
        <source>station {station} does not have key fingerprint {given}: do not approve it (a key may have been swapped); read the fingerprint on the new station's own screen again</source>
        <comment>studio.fingerprint_mismatch</comment>
        <translation>工作站 {station} 的密钥指纹不是 {given}：请勿批准（密钥可能已被替换）；请在新工作站自己的屏幕上重新读取指纹</translation>
    </message>
    <message>
        <source>{count} row(s) in the studio database carry no valid signature of a station of this studio and were refused</source>
        <comment>studio.forged_rows</comment>
        <translation>工作室数据库中有 {count} 行没有本工作室任何工作站的有效签名，已拒绝</translation>
    </message>
    <message>
        <source>the studio database has schema version {found}, newer than this app knows ({known}); update consent_app on this station</source>
        <comment>studio.newer_schema</comment>
        <translation>工作室数据库的结构版本为 {found}，比本应用所知的版本（{known}）更新；请在本工作站更新 consent_app</translation>
    </message>
    <message>
        <source>the studio database holds no genesis object for studio {studio}</source>
        <comment>studio.no_genesis</comment>
        <translation>工作室数据库中没有工作室 {studio} 的创始对象</translation>
    </message>
    <message>
        <source>this station is not part of a studio: run `consent-app studio create DSN` (founding station) or `studio join DSN`</source>
        <comment>studio.not_linked</comment>
        <translation>本工作站不属于任何工作室：请运行 `consent-app studio create DSN`（创始工作站）或 `studio join DSN`</translation>
    </message>
    <message>
        <source>the database at {where} is not a consent_app studio database (it holds other tables); give an empty database or the studio's own</source>
        <comment>studio.not_studio_db</comment>
        <translation>{where} 上的数据库不是 consent_app 工作室数据库（其中有其他表）；请提供空数据库或本工作室自己的数据库</translation>
    </message>
    <message>
        <source>this station is not approved yet: an administrator at an approved station must run `consent-app studio approve {station} --fingerprint FP`</source>
        <comment>studio.not_trusted_here</comment>
        <translation>本工作站尚未获批准：须由已获批准工作站的管理员运行 `consent-app studio approve {station} --fingerprint FP`</translation>
    </message>
    <message>
        <source>studio object {station}#{seq} ({kind}) has no valid signature by its station's key</source>
        <comment>studio.object_bad_signature</comment>
        <translation>工作室对象 {station}#{seq}（{kind}）没有其工作站密钥的有效签名</translation>
    </message>
    <message>
        <source>station {station}'s objects do not chain at #{seq}: {reason}</source>
        <comment>studio.object_chain_broken</comment>
        <translation>工作站 {station} 的对象在 #{seq} 处断链：{reason}</translation>
    </message>
    <message>
        <source>studio object {station}#{seq} is malformed: {reason}</source>
        <comment>studio.object_malformed</comment>
        <translation>工作室对象 {station}#{seq} 格式错误：{reason}</translation>
    </message>
    <message>
        <source>the database at {where} belongs to another studio ({found}), not {expected}</source>
        <comment>studio.other_studio</comment>
        <translation>{where} 上的数据库属于另一个工作室（{found}），不是 {expected}</translation>
    </message>
    <message>
        <source>the studio database holds objects #{server} of this station but its outbox ends at #{local}: the store is an old copy; sync is refused until an administrator reconciles it</source>
        <comment>studio.outbox_behind</comment>
        <translation>工作室数据库保存了本工作站的对象 #{server}，但本地发件箱只到 #{local}：此存储是旧副本；在管理员核对处理之前拒绝同步</translation>
    </message>
    <message>
        <source>cannot publish into {path}: no such folder (create it first; nothing was written)</source>
        <comment>studio.publish_no_folder</comment>
        <translation>无法发布到 {path}：没有这个文件夹（请先创建；未写入任何内容）</translation>
    </message>
    <message>
        <source>refusing to publish: this station's last successful pull ({when}) is more than {minutes} min old, so the lists could leave out a revocation made at another station; nothing was written (sync first, or `studio publish --allow-stale`)</source>
        <comment>studio.publish_stale</comment>
        <translation>拒绝发布：本工作站上次成功拉取（{when}）已超过 {minutes} 分钟，列表可能遗漏其他工作站做出的吊销；未写入任何内容（请先同步，或使用 `studio publish --allow-stale`）</translation>
    </message>
    <message>
        <source>warning: published from a stale view of the studio (last successful pull {when}); publication.json in the folder says so</source>
        <comment>studio.publish_stale_warning</comment>
        <translation>警告：基于过时的工作室视图发布（上次成功拉取 {when}）；文件夹中的 publication.json 注明了这一点</translation>
    </message>
    <message>
        <source>refusing to publish: the sync before publishing failed ({reason}), so the lists could leave out a revocation made at another station (last successful pull {when}); nothing was written (sync first, or `studio publish --allow-stale`)</source>
        <comment>studio.publish_unsynced</comment>
        <translation>拒绝发布：发布前的同步失败（{reason}），列表可能遗漏其他工作站做出的吊销（上次成功拉取 {when}）；未写入任何内容（请先同步，或使用 `studio publish --allow-stale`）</translation>
    </message>
    <message>
        <source>this station ({station}) was revoked ({reason}): it approves, revokes and publishes nothing, and nothing it signs from now on is accepted</source>
        <comment>studio.revoked_here</comment>
        <translation>本工作站（{station}）已被撤销（{reason}）：它不能批准、撤销或发布任何内容，此后它签名的任何内容都不会被接受</translation>
    </message>
    <message>
        <source>this station's store no longer extends the audit head it pushed before ({count} entries, {head}): it was rolled back or restored; sync is refused until an administrator reconciles it (`consent-app studio reconcile --reason TEXT`)</source>
        <comment>studio.rolled_back</comment>
        <translation>本工作站的存储已不再延续它此前推送的审计头（{count} 条，{head}）：它被回滚或从旧备份恢复；在管理员核对处理之前拒绝同步（`consent-app studio reconcile --reason TEXT`）</translation>
    </message>
    <message>
        <source>station {station} pushed a second, different object under sequence {seq}: this store was restored from an old copy or cloned; an administrator must reconcile it</source>
        <comment>studio.seq_conflict</comment>
        <translation>工作站 {station} 在序号 {seq} 下推送了第二个不同的对象：此存储是从旧副本恢复或被复制的；须由管理员核对处理</translation>
    </message>
    <message>
        <source>station {station} shared the studio setting {key} with a value or position this station refuses: it is ignored</source>
        <comment>studio.setting_refused</comment>
        <translation>工作站 {station} 共享的工作室设置 {key} 的值或位置被本工作站拒绝：已忽略</translation>
    </message>
    <message>
        <source>this station last synced with the studio {when}, longer ago than a status list is valid ({hours} h): it may not know of a withdrawal made elsewhere; sync first (consent-app sync)</source>
        <comment>studio.stale_pull</comment>
        <translation>本工作站上次与工作室同步是在 {when}，已超过状态列表的有效期（{hours} 小时）：它可能不知道别处的撤回；请先同步（consent-app sync）</translation>
    </message>
    <message>
        <source>this station was revoked by the studio after its object #{after} ({reason}): every station refuses what it signed since; ask a studio administrator</source>
        <comment>studio.station_revoked</comment>
        <translation>本工作站已被工作室吊销（在其对象 #{after} 之后；{reason}）：此后它签名的一切都被所有工作站拒绝；请联系工作室管理员</translation>
    </message>
    <message>
        <source>the server's key {key} for subject {subject} is not wrapped under this studio's data key: it was not used</source>
        <comment>studio.subject_key_unreadable</comment>
        <translation>服务器上当事人 {subject} 的密钥 {key} 不是用本工作室的数据密钥封装的：未使用该密钥</translation>
    </message>
    <message>
        <source>the {modality} template {template} of subject {subject} shared by station {station} does not open with the subject's key: it is left out of the search</source>
        <comment>studio.template_unreadable</comment>
        <translation>工作站 {station} 共享的当事人 {subject} 的{modality}模板 {template} 无法用该当事人的密钥打开：未纳入搜索</translation>
    </message>
    <message>
        <source>token {token} was issued at this station before it learnt of a withdrawal of {categories} (consent {consent}); it is now revoked</source>
        <comment>studio.token_auto_revoked</comment>
        <translation>令牌 {token} 在本工作站得知 {categories} 的撤回之前签发（同意书 {consent}）；现已撤销</translation>
    </message>
    <message>
        <source>no station {station} has asked to join this studio</source>
        <comment>studio.unknown_station</comment>
        <translation>没有工作站 {station} 申请加入本工作室</translation>
    </message>
    <message>
        <source>cannot reach the studio database ({reason}); the station keeps working offline and syncs when it is back</source>
        <comment>studio.unreachable</comment>
        <translation>无法连接工作室数据库（{reason}）；本工作站继续离线工作，恢复连接后再同步</translation>
    </message>
    <message>
        <source>no subject with id {subject}</source>
        <comment>subject.unknown</comment>
        <translation>没有编号为 {subject} 的当事人</translation>
    </message>
    <message>
        <source>no terms template {version} in language {language}</source>
        <comment>terms.missing</comment>
        <translation>没有版本 {version}、语言 {language} 的条款模板</translation>
    </message>
    <message>
        <source>no terms templates found in {path}</source>
        <comment>terms.none</comment>
        <translation>{path} 中没有条款模板</translation>
    </message>
    <message>
        <source>consent {consent}: category {category} was withdrawn (signed event); no token can carry it</source>
        <comment>token.category_withdrawn</comment>
        <translation>同意 {consent}：类别 {category} 已撤回（签名事件）；任何令牌都不能包含它</translation>
    </message>
    <message>
        <source>consent {consent} ended at {end}</source>
        <comment>token.consent_ended</comment>
        <translation>同意记录 {consent} 已于 {end} 结束</translation>
    </message>
    <message>
        <source>consent {consent} has been withdrawn; no token can be issued</source>
        <comment>token.consent_withdrawn</comment>
        <translation>同意记录 {consent} 已被撤回；不能签发令牌</translation>
    </message>
    <message>
        <source>this is a demo database: its consents must be marked demo</source>
        <comment>token.demo_consent_needed</comment>
        <translation>这是演示数据库：其中的同意书必须标记为演示</translation>
    </message>
    <message>
        <source>the token's end time needs a time zone</source>
        <comment>token.end_no_zone</comment>
        <translation>令牌的结束时间需要带时区</translation>
    </message>
    <message>
        <source>{reason}; token {token} was revoked (it was never delivered)</source>
        <comment>token.files_revoked</comment>
        <translation>{reason}；令牌 {token} 已撤销（它从未交付）</translation>
    </message>
    <message>
        <source>consent {consent} does not allow {operations} (it allows: {allowed})</source>
        <comment>token.not_allowed</comment>
        <translation>同意记录 {consent} 不允许{operations}（它允许：{allowed}）</translation>
    </message>
    <message>
        <source>no token urn:uuid:{token}</source>
        <comment>token.not_found</comment>
        <translation>没有令牌 urn:uuid:{token}</translation>
    </message>
    <message>
        <source>a token cannot outlive its consent: {end} is after {consent_end}</source>
        <comment>token.outlives_consent</comment>
        <translation>令牌的有效期不能超过其同意记录：{end} 晚于 {consent_end}</translation>
    </message>
    <message>
        <source>the token would end ({end}) before it starts ({start})</source>
        <comment>token.reversed</comment>
        <translation>令牌的结束时间（{end}）早于开始时间（{start}）</translation>
    </message>
    <message>
        <source>unknown binding(s) {bindings}; choose from {choices}</source>
        <comment>token.unknown_bindings</comment>
        <translation>未知的绑定方式 {bindings}；可选：{choices}</translation>
    </message>
    <message>
        <source>unknown operation(s) {unknown}; known: {known}</source>
        <comment>token.unknown_operations</comment>
        <translation>未知的操作 {unknown}；已知操作：{known}</translation>
    </message>
    <message>
        <source>the tool certificate lacks digitalSignature / emailProtection usage</source>
        <comment>tool.bad_usage</comment>
        <translation>工具证书缺少 digitalSignature / emailProtection 用途</translation>
    </message>
    <message>
        <source>{path} holds no PEM certificate</source>
        <comment>tool.cert_unreadable</comment>
        <translation>{path} 中没有 PEM 证书</translation>
    </message>
    <message>
        <source>the tool certificate is outside its validity ({start} to {end})</source>
        <comment>tool.expired</comment>
        <translation>工具证书不在有效期内（{start} 至 {end}）</translation>
    </message>
    <message>
        <source>the tool key does not match the tool certificate</source>
        <comment>tool.key_mismatch</comment>
        <translation>工具密钥与工具证书不匹配</translation>
    </message>
    <message>
        <source>{path} is not an Ed25519 private key in PEM</source>
        <comment>tool.key_unreadable</comment>
        <translation>{path} 不是 PEM 格式的 Ed25519 私钥</translation>
    </message>
    <message>
        <source>the tool certificate was not issued by this studio's root</source>
        <comment>tool.not_from_studio</comment>
        <translation>工具证书不是由本工作室的根证书签发的</translation>
    </message>
    <message>
        <source>the tool certificate {serial} ({name}) has been revoked by the studio</source>
        <comment>tool.revoked</comment>
        <translation>工具证书 {serial}（{name}）已被工作室撤销</translation>
    </message>
    <message>
        <source>--days must be between 1 and 3650, not {days}</source>
        <comment>tools.bad_days</comment>
        <translation>--days 必须在 1 到 3650 之间，而不是 {days}</translation>
    </message>
    <message>
        <source>tool name {name!r} must be 1-64 letters, digits, '.', '_' or '-'</source>
        <comment>tools.bad_name</comment>
        <translation>工具名称 {name!r} 必须由 1 到 64 个字母、数字、“.”、“_”或“-”组成</translation>
    </message>
    <message>
        <source>a tool named {name} is already registered (revoke it first)</source>
        <comment>tools.exists</comment>
        <translation>名为 {name} 的工具已注册（请先撤销它）</translation>
    </message>
    <message>
        <source>{path} already exists; choose another folder</source>
        <comment>tools.key_exists</comment>
        <translation>{path} 已存在；请选择其他文件夹</translation>
    </message>
    <message>
        <source>this studio has no tool CA yet (register a tool first)</source>
        <comment>tools.no_ca</comment>
        <translation>本工作室还没有工具 CA（请先注册一个工具）</translation>
    </message>
    <message>
        <source>give the reason for the revocation</source>
        <comment>tools.no_reason</comment>
        <translation>请给出吊销的原因</translation>
    </message>
    <message>
        <source>cannot write the tool's files to {path} ({reason})</source>
        <comment>tools.out_folder</comment>
        <translation>无法将工具文件写入 {path}（{reason}）</translation>
    </message>
    <message>
        <source>this station was revoked by the studio: it registers no tools (the other stations refuse them)</source>
        <comment>tools.station_revoked</comment>
        <translation>本工作站已被工作室吊销：不能再注册工具（其他工作站会拒绝它们）</translation>
    </message>
    <message>
        <source>this station has not received the studio's tool CA yet: sync with the studio first (consent-app sync); tools are registered with the one CA of the studio</source>
        <comment>tools.studio_ca_pending</comment>
        <translation>本站尚未收到工作室的工具 CA：请先与工作室同步（consent-app sync）；工具统一由工作室唯一的 CA 注册</translation>
    </message>
    <message>
        <source>no registered, unrevoked tool named {name}</source>
        <comment>tools.unknown</comment>
        <translation>没有名为 {name} 且未撤销的已注册工具</translation>
    </message>
    <message>
        <source>the AIGC label's signature does not match this content (changed after marking, or copied from another file)</source>
        <comment>trace.aigc_bad_signature</comment>
        <translation>AIGC 标识的签名与此内容不符（标识后被修改过，或从其他文件复制而来）</translation>
    </message>
    <message>
        <source>no AIGC implicit label</source>
        <comment>trace.aigc_missing</comment>
        <translation>没有 AIGC 隐式标识</translation>
    </message>
    <message>
        <source>the AIGC label is signed by tool {tool} over this content</source>
        <comment>trace.aigc_signed</comment>
        <translation>AIGC 标识由工具 {tool} 针对此内容签名</translation>
    </message>
    <message>
        <source>the AIGC label's signer is unknown: it cannot be attributed</source>
        <comment>trace.aigc_unattributed</comment>
        <translation>AIGC 标识的签名者未知：无法归属</translation>
    </message>
    <message>
        <source>the C2PA manifest does not validate ({failures}): the file was changed after marking</source>
        <comment>trace.c2pa_invalid</comment>
        <translation>C2PA 清单校验失败（{failures}）：文件在标识后被修改过</translation>
    </message>
    <message>
        <source>no C2PA manifest (stripped or never added)</source>
        <comment>trace.c2pa_missing</comment>
        <translation>没有 C2PA 清单（被剥离或从未添加）</translation>
    </message>
    <message>
        <source>the C2PA manifest is valid; no studio root was given, so its signer is not checked</source>
        <comment>trace.c2pa_not_checked</comment>
        <translation>C2PA 清单有效；未提供工作室根证书，因此未检查其签名者</translation>
    </message>
    <message>
        <source>the C2PA manifest is valid and signed by a tool of the studio ({tool})</source>
        <comment>trace.c2pa_trusted</comment>
        <translation>C2PA 清单有效，并由本工作室的工具签名（{tool}）</translation>
    </message>
    <message>
        <source>the C2PA manifest is valid and signed by a tool of the studio ({tool}) registered under a retired root of its tool CA, on the studio's signed allowed list</source>
        <comment>trace.c2pa_trusted_retired</comment>
        <translation>C2PA 清单有效，由本工作室的工具（{tool}）签名；该工具在工具 CA 的已停用根证书下注册，列于工作室签名的允许列表中</translation>
    </message>
    <message>
        <source>the C2PA manifest is valid but its signer does not chain to the studio root</source>
        <comment>trace.c2pa_untrusted</comment>
        <translation>C2PA 清单有效，但其签名者不能追溯到工作室根证书</translation>
    </message>
    <message>
        <source>marked and consistent</source>
        <comment>trace.consistent</comment>
        <translation>已标识且一致</translation>
    </message>
    <message>
        <source>the media data is damaged ({detail})</source>
        <comment>trace.content_damaged</comment>
        <translation>媒体数据已损坏（{detail}）</translation>
    </message>
    <message>
        <source>no marks found, but the file is cut short ({detail}): its marks may have been in the missing part; get the whole file</source>
        <comment>trace.cut_unmarked</comment>
        <translation>未发现标识，但文件不完整（{detail}）：标识可能位于缺失的部分；请获取完整文件</translation>
    </message>
    <message>
        <source>the AIGC label ({aigc}) and the C2PA manifest ({c2pa}) name different outputs</source>
        <comment>trace.ids_disagree</comment>
        <translation>AIGC 标识（{aigc}）和 C2PA 清单（{c2pa}）指向不同的输出</translation>
    </message>
    <message>
        <source>the marks could not be read: {reason}</source>
        <comment>trace.marks_unreadable</comment>
        <translation>无法读取标识：{reason}</translation>
    </message>
    <message>
        <source>face matches enrolled subject {subject} (distance {distance:.3f}, threshold {threshold})</source>
        <comment>trace.match</comment>
        <translation>人脸与已登记的当事人 {subject} 匹配（距离 {distance:.3f}，阈值 {threshold}）</translation>
    </message>
    <message>
        <source>the C2PA manifest carries no consent assertion</source>
        <comment>trace.no_consent_assertion</comment>
        <translation>C2PA 清单中没有同意声明</translation>
    </message>
    <message>
        <source>no face found in the image</source>
        <comment>trace.no_face</comment>
        <translation>图片中未找到人脸</translation>
    </message>
    <message>
        <source>{faces} face(s) found; none matches an enrolled subject (threshold {threshold})</source>
        <comment>trace.no_match</comment>
        <translation>找到 {faces} 张人脸；没有与已登记当事人匹配的（阈值 {threshold}）</translation>
    </message>
    <message>
        <source>token {token} expired at {at}</source>
        <comment>trace.token_expired</comment>
        <translation>令牌 {token} 已于 {at} 过期</translation>
    </message>
    <message>
        <source>token {token} has been revoked</source>
        <comment>trace.token_revoked</comment>
        <translation>令牌 {token} 已被撤销</translation>
    </message>
    <message>
        <source>token {token}: state not checked ({why})</source>
        <comment>trace.token_unknown</comment>
        <translation>令牌 {token}：未检查状态（{why}）</translation>
    </message>
    <message>
        <source>token {token} is valid now</source>
        <comment>trace.token_valid</comment>
        <translation>令牌 {token} 目前有效</translation>
    </message>
    <message>
        <source>the tool {tool} (serial {serial}) has been revoked by the studio</source>
        <comment>trace.tool_revoked</comment>
        <translation>工具 {tool}（序列号 {serial}）已被工作室撤销</translation>
    </message>
    <message>
        <source>no marks: neither a C2PA manifest nor an AIGC label</source>
        <comment>trace.unmarked</comment>
        <translation>没有标识：既没有 C2PA 清单，也没有 AIGC 标识</translation>
    </message>
    <message>
        <source>the image could not be decoded ({reason})</source>
        <comment>trace.unreadable</comment>
        <translation>无法解码图片（{reason}）</translation>
    </message>
    <message>
        <source>{path} is not signed by the studio root ({sig}): a tool allowed by fingerprint is trusted only from the studio's signed list; export the keys again</source>
        <comment>trust.allowed_signature</comment>
        <translation>{path} 未经工作室根证书签名（{sig}）：按指纹允许的工具只能来自工作室签名的列表；请重新导出密钥</translation>
    </message>
    <message>
        <source>{path} is not a valid {what}</source>
        <comment>trust.bad_file</comment>
        <translation>{path} 不是有效的{what}</translation>
    </message>
    <message>
        <source>{path} is not signed by the studio root</source>
        <comment>trust.crl_signature</comment>
        <translation>{path} 不是由工作室根证书签名的</translation>
    </message>
    <message>
        <source>the tool revocation list {path} expired at {at}: export the keys again</source>
        <comment>trust.crl_stale</comment>
        <translation>工具吊销列表 {path} 已于 {at} 过期：请重新导出密钥</translation>
    </message>
    <message>
        <source>{path} not found: export the keys with consent-app keys export (it writes {name})</source>
        <comment>trust.missing</comment>
        <translation>找不到 {path}：请用 consent-app keys export 导出密钥（它会写入 {name}）</translation>
    </message>
    <message>
        <source>a receipt for output {produce} is already in the ledger</source>
        <comment>usage.duplicate</comment>
        <translation>输出 {produce} 的回执已在台账中</translation>
    </message>
    <message>
        <source>imported: {operation} output {produce} under token {token}</source>
        <comment>usage.imported</comment>
        <translation>已导入：令牌 {token} 下的 {operation} 输出 {produce}</translation>
    </message>
    <message>
        <source>this studio has no tool CA: no receipt can be trusted yet</source>
        <comment>usage.no_ca</comment>
        <translation>本工作室尚无工具 CA：目前无法信任任何回执</translation>
    </message>
    <message>
        <source>the receipt's token details do not match token {token} as issued</source>
        <comment>usage.token_mismatch</comment>
        <translation>回执中的令牌信息与已签发的令牌 {token} 不一致</translation>
    </message>
    <message>
        <source>token {token} was not issued by this studio</source>
        <comment>usage.unknown_token</comment>
        <translation>令牌 {token} 不是本工作室签发的</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <comment>usage.unreadable</comment>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path}: no such video file</source>
        <comment>video.missing</comment>
        <translation>{path}：视频文件不存在</translation>
    </message>
    <message>
        <source>{path}: not a readable video</source>
        <comment>video.unreadable</comment>
        <translation>{path}：无法读取的视频</translation>
    </message>
    <message>
        <source>the recording is clipped ({share:.1%} of samples at full scale): lower the input gain or move back</source>
        <comment>voice.clipping</comment>
        <translation>录音削波（{share:.1%} 的采样达到满刻度）：请调低输入增益或离远一些</translation>
    </message>
    <message>
        <source>no speech found in the recording</source>
        <comment>voice.embedding_no_speech</comment>
        <translation>录音中没有找到说话声</translation>
    </message>
    <message>
        <source>at least one recording is needed to enrol a voice</source>
        <comment>voice.enrol_needs_recording</comment>
        <translation>登记声音至少需要一段录音</translation>
    </message>
    <message>
        <source>the recording gave no usable voice embedding</source>
        <comment>voice.no_embedding</comment>
        <translation>这段录音无法生成可用的声纹特征</translation>
    </message>
    <message>
        <source>no speech was detected in the recording</source>
        <comment>voice.no_speech</comment>
        <translation>录音中没有检测到说话声</translation>
    </message>
    <message>
        <source>the recording is silent: check that the microphone is on and unmuted</source>
        <comment>voice.silent</comment>
        <translation>录音是静音的：请检查麦克风已打开且未静音</translation>
    </message>
    <message>
        <source>voice match threshold must be a number, got {value}</source>
        <comment>voice.threshold_not_number</comment>
        <translation>声纹比对阈值必须是数字，而不是 {value}</translation>
    </message>
    <message>
        <source>voice match threshold must be between 0 and 1, got {value}</source>
        <comment>voice.threshold_range</comment>
        <translation>声纹比对阈值必须在 0 到 1 之间，而不是 {value}</translation>
    </message>
    <message>
        <source>too much background noise (signal-to-noise about {snr:.0f} dB; needs {need:.0f} dB): record somewhere quieter</source>
        <comment>voice.too_noisy</comment>
        <translation>背景噪声太大（信噪比约 {snr:.0f} dB；需要 {need:.0f} dB）：请换个更安静的地方录音</translation>
    </message>
    <message>
        <source>the voice is too quiet ({level:.0f} dBFS; needs at least {need:.0f} dBFS): move closer or raise the input gain</source>
        <comment>voice.too_quiet</comment>
        <translation>声音太轻（{level:.0f} dBFS；至少需要 {need:.0f} dBFS）：请靠近麦克风或调高输入增益</translation>
    </message>
    <message>
        <source>too little speech: {seconds:.1f} s detected, at least {need:g} s needed</source>
        <comment>voice.too_short</comment>
        <translation>说话时间太短：检测到 {seconds:.1f} 秒，至少需要 {need:g} 秒</translation>
    </message>
    <message>
        <source>too little speech to enrol a voice: {seconds:.1f} s detected, at least {need:g} s needed</source>
        <comment>voice.too_short_enrol</comment>
        <translation>说话时间不足以登记声音：检测到 {seconds:.1f} 秒，至少需要 {need:g} 秒</translation>
    </message>
    <message>
        <source>{categories} already withdrawn from consent {consent}</source>
        <comment>withdraw.already</comment>
        <translation>{categories}已从同意记录 {consent} 中撤回</translation>
    </message>
    <message>
        <source>consent {consent} is already fully withdrawn</source>
        <comment>withdraw.already_all</comment>
        <translation>同意记录 {consent} 已全部撤回</translation>
    </message>
    <message>
        <source>consent {consent} does not cover {categories} (it covers {covered})</source>
        <comment>withdraw.not_covered</comment>
        <translation>同意记录 {consent} 不包含{categories}（它包含：{covered}）</translation>
    </message>
    <message>
        <source>give the reason for the withdrawal</source>
        <comment>withdraw.reason_missing</comment>
        <translation>请填写撤回的原因</translation>
    </message>
    <message>
        <source>the reason is longer than {limit} characters</source>
        <comment>withdraw.reason_too_long</comment>
        <translation>原因超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>the store does not extend witness {path} ({kind}): it names {count} audit entries, the store has {db_count} (rolled back, or the log was cut)</source>
        <comment>witness.not_extended_count</comment>
        <translation>存储未延续见证 {path}（{kind}）：它记有 {count} 条审计记录，而存储只有 {db_count} 条（被回滚过，或日志被截断）</translation>
    </message>
    <message>
        <source>the store does not extend witness {path} ({kind}): audit entry {count} has another hash than the witness names (the audit trail was rewritten)</source>
        <comment>witness.not_extended_hash</comment>
        <translation>存储未延续见证 {path}（{kind}）：第 {count} 条审计记录的哈希与见证所记不同（审计记录被改写过）</translation>
    </message>
    <message>
        <source>witness {path}: {reason}</source>
        <comment>witness.unreadable</comment>
        <translation>见证文件 {path}：{reason}</translation>
    </message>
</context>
</TS>
